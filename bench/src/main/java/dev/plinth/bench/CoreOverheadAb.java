package dev.plinth.bench;

import dev.plinth.bench.CoreOverheadFixture.PlinthStep;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Plinth against plain HikariCP + JDBC as a paired, interleaved measurement in one JVM, so that
 * drift (JIT state, the server's caches and checkpoints, other load on the machine) falls on both
 * sides alike. Each session opens a fresh {@link CoreOverheadFixture} (new pools, new connections),
 * warms both sides up alternately, then runs rounds of one block of transactions per side, in the
 * order AB in odd rounds and BA in even ones; each block records its mean wall time and mean thread
 * CPU time per transaction. {@link PairedRatios} summarises the rounds.
 *
 * <p>Usage: {@code CoreOverheadAb sqlite|postgresql|mysql CASE [sessions] [rounds per session]
 * [transactions per block] [warm-up transactions per side]}. {@code CASE} is {@code select} or
 * {@code insert} (A is Plinth, B raw JDBC), or {@code select+STEP...} (A is the raw select doing
 * also the named {@link PlinthStep}s, such as {@code select+max-rows+set-object}, B the plain raw
 * select, both on the raw pool's one connection).
 */
public final class CoreOverheadAb {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String USAGE =
      "usage: CoreOverheadAb sqlite|postgresql|mysql select|insert|select+STEP... [sessions]"
          + " [rounds per session, even] [transactions per block] [warm-up transactions per side]";

  /** One whole transaction of one side; its result goes into a checksum so it is not dropped. */
  @FunctionalInterface
  interface Transaction {
    Object run() throws SQLException;
  }

  /** One side of the comparison. */
  private record Side(String name, Transaction transaction) {}

  /** Mean wall and thread CPU nanoseconds per transaction over one block. */
  private record Block(double wallNanos, double cpuNanos) {}

  private final int rounds;
  private final int blockSize;
  private final int warmUp;
  private long checksum;

  private CoreOverheadAb(int rounds, int blockSize, int warmUp) {
    this.rounds = rounds;
    this.blockSize = blockSize;
    this.warmUp = warmUp;
  }

  /**
   * Runs one case on one backend and prints each session's rounds and the summary to stdout.
   *
   * @param args backend, case, and optionally sessions (default 6), rounds per session (default
   *     40), transactions per block (default 500) and warm-up transactions per side and session
   *     (default 20000)
   * @throws SQLException if the raw side's driver fails
   */
  public static void main(String[] args) throws SQLException {
    int[] counts = {6, 40, 500, 20_000};
    for (int i = 2; i < args.length && i < 6; i++) {
      counts[i - 2] = Integer.parseInt(args[i]);
    }
    if (args.length < 2
        || args.length > 6
        || !args[1].matches("select|insert|select(\\+[a-z-]+)+")
        || counts[1] % 2 != 0) {
      System.err.println(USAGE);
      System.exit(64);
    }
    Backend backend = Backend.named(args[0]);
    CoreOverheadAb ab = new CoreOverheadAb(counts[1], counts[2], counts[3]);
    double[][][] wall = new double[2][counts[0]][];
    double[][][] cpu = new double[2][counts[0]][];
    String[] names = new String[2];
    for (int s = 0; s < counts[0]; s++) {
      try (CoreOverheadFixture f = new CoreOverheadFixture(backend)) {
        Side[] sides = sides(f, args[1]);
        names[0] = sides[0].name();
        names[1] = sides[1].name();
        ab.session(sides, s, wall, cpu);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s %s: A = %s, B = %s; %d sessions of %d rounds of %d transactions per side,"
            + " after %d warm-up transactions per side%n",
        args[0],
        args[1],
        names[0],
        names[1],
        counts[0],
        counts[1],
        counts[2],
        counts[3]);
    print(wall, cpu);
    System.out.println(new PairedRatios(wall[0], wall[1]).summary("wall", names[0], names[1]));
    System.out.println(new PairedRatios(cpu[0], cpu[1]).summary("CPU", names[0], names[1]));
    System.out.printf("(checksum %d)%n", ab.checksum);
  }

  private static Side[] sides(CoreOverheadFixture f, String name) {
    if (name.equals("insert")) {
      return new Side[] {new Side("Plinth", f::plinthInsert), new Side("raw", f::rawInsert)};
    }
    Side raw = new Side("raw", () -> f.rawSelect(f.nextId()));
    if (name.equals("select")) {
      return new Side[] {new Side("Plinth", () -> f.plinthSelect(f.nextId())), raw};
    }
    Set<PlinthStep> steps = EnumSet.noneOf(PlinthStep.class);
    String[] parts = name.split("\\+");
    for (int i = 1; i < parts.length; i++) {
      steps.add(PlinthStep.valueOf(parts[i].toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    return new Side[] {
      new Side("raw" + name.substring("select".length()), () -> f.rawSelect(f.nextId(), steps)), raw
    };
  }

  /** Warms up, then fills {@code wall[side][session]} and {@code cpu[side][session]}. */
  private void session(Side[] sides, int session, double[][][] wall, double[][][] cpu)
      throws SQLException {
    int chunk = Math.max(1, warmUp / 10);
    for (int done = 0; done < warmUp; done += chunk) {
      run(sides[0].transaction(), chunk);
      run(sides[1].transaction(), chunk);
    }
    for (int side = 0; side < 2; side++) {
      wall[side][session] = new double[rounds];
      cpu[side][session] = new double[rounds];
    }
    // Nothing is printed until the end, so that no write to stdout (and no wake-up of the process
    // reading it) falls between two timed blocks.
    for (int r = 0; r < rounds; r++) {
      for (int side : r % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
        Block block = run(sides[side].transaction(), blockSize);
        wall[side][session][r] = block.wallNanos();
        cpu[side][session][r] = block.cpuNanos();
      }
    }
  }

  private Block run(Transaction t, int n) throws SQLException {
    long sum = 0;
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sum += Objects.hashCode(t.run());
    }
    wall = System.nanoTime() - wall;
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    checksum += sum;
    return new Block(wall / (double) n, cpu / (double) n);
  }

  private static void print(double[][][] wall, double[][][] cpu) {
    System.out.println(
        "session round order  A µs/tx  B µs/tx    A/B  A CPU µs/tx  B CPU µs/tx  CPU A/B");
    for (int s = 0; s < wall[0].length; s++) {
      for (int r = 0; r < wall[0][s].length; r++) {
        System.out.printf(
            Locale.ROOT,
            "%7d %5d %-5s %8.2f %8.2f %6.3f %12.2f %12.2f %8.3f%n",
            s + 1,
            r + 1,
            r % 2 == 0 ? "AB" : "BA",
            wall[0][s][r] / 1000,
            wall[1][s][r] / 1000,
            wall[0][s][r] / wall[1][s][r],
            cpu[0][s][r] / 1000,
            cpu[1][s][r] / 1000,
            cpu[0][s][r] / cpu[1][s][r]);
      }
    }
  }
}
