package dev.plinth.bench.archive;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.cli.Main;
import dev.plinth.db.core.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine;

/**
 * Command-line driver of {@code bench/run-archive.sh}: prepares the dataset, gives each contender a
 * fresh copy, runs one contender in this JVM and prints its result as one JSON line, or checks what
 * an external contender (pt-archiver) left behind.
 *
 * <pre>
 * ArchiveBench prepare BACKEND DELETED   generate the template: DELETED soft-deleted rows of 2×DELETED
 * ArchiveBench reset BACKEND             fresh copy of the template in plinth_archbench
 * ArchiveBench run BACKEND CONTENDER DELETED   CONTENDER: limit | nova | plinth | plinth-parallel | plinth-cli; prints RESULT {json}
 * ArchiveBench verify BACKEND DELETED    exit 1 unless exactly the soft-deleted rows were moved
 * ArchiveBench drop BACKEND              drop the benchmark and template databases
 * </pre>
 *
 * <p>BACKEND is {@code postgresql} or {@code mariadb}. The dataset: {@code instances} with {@code
 * 0.4 × DELETED} rows, and two child tables with two rows per parent each; every other parent is
 * soft-deleted with its four children, so exactly half the rows are archivable.
 */
public final class ArchiveBench {
  /** Rows per batch for the batched contenders, as Nova's default {@code --max_rows}. */
  static final int MAX_ROWS = 1000;

  private static final AtomicLong MAX_HEAP_AFTER_GC = new AtomicLong();

  private static final Pattern TOTALS =
      Pattern.compile("\"total_archived\":(\\d+),\"total_residue\":(\\d+)");

  private ArchiveBench() {}

  /**
   * Runs one command (see the class comment).
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      usage();
    }
    ArchiveBackend backend = ArchiveBackend.named(args[1]);
    switch (args[0]) {
      case "prepare" -> backend.createTemplate(parents(args));
      case "reset" -> backend.reset();
      case "run" -> run(backend, args);
      case "verify" -> {
        if (args.length != 3) {
          usage();
        }
        verify(backend, Long.parseLong(args[2]));
      }
      case "drop" -> {
        backend.drop();
        backend.dropTemplate();
      }
      default -> usage();
    }
  }

  private static int parents(String[] args) {
    if (args.length != 3) {
      usage();
    }
    long deleted = Long.parseLong(args[2]);
    if (deleted % 5 != 0) {
      throw new IllegalArgumentException("DELETED must be a multiple of 5, got " + deleted);
    }
    return Math.toIntExact(deleted * 2 / 5);
  }

  private static void run(ArchiveBackend backend, String[] args) throws SQLException {
    if (args.length != 4) {
      usage();
    }
    String contender = args[2];
    long expected = Long.parseLong(args[3]);
    watchGarbageCollections();
    String url = backend.url(ArchiveBackend.DATABASE);
    long moved;
    long nanos;
    if (contender.equals("plinth-cli")) {
      long start = System.nanoTime();
      moved = archiveWithCli(url);
      nanos = System.nanoTime() - start;
    } else if (contender.startsWith("plinth")) {
      int parallel = contender.startsWith("plinth-parallel") ? 2 : 1;
      try (Database db = Database.builder().url(url).build()) {
        db.reader().call(tx -> tx.count("SELECT 1"));
        long start = System.nanoTime();
        ArchiveResult r =
            Archiver.builder()
                .database(db)
                .maxRows(MAX_ROWS)
                .untilComplete(true)
                .parallel(parallel)
                .build()
                .run();
        nanos = System.nanoTime() - start;
        moved = r.totalArchived() + r.totalResidue();
      }
    } else {
      try (Connection c = DriverManager.getConnection(url)) {
        long start = System.nanoTime();
        moved =
            switch (contender) {
              case "limit" -> new SingleStatementArchiver(c).archiveAll();
              case "nova" -> new NovaArchiver(c, MAX_ROWS).archiveUntilComplete();
              default -> throw new IllegalArgumentException("unknown contender " + contender);
            };
        nanos = System.nanoTime() - start;
      }
    }
    if (moved != expected) {
      throw new IllegalStateException(
          contender + " moved " + moved + " rows, expected " + expected);
    }
    verify(backend, expected);
    double seconds = nanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "RESULT {\"backend\": \"%s\", \"contender\": \"%s\", \"deleted\": %d, \"seconds\": %.3f,"
            + " \"rows_per_s\": %.0f, \"heap_peak_mb\": %.1f, \"heap_after_gc_mb\": %.1f}%n",
        backend.name().toLowerCase(Locale.ROOT),
        contender,
        expected,
        seconds,
        expected / seconds,
        peakHeap() / 1048576.0,
        MAX_HEAP_AFTER_GC.get() / 1048576.0);
  }

  /**
   * Runs {@code plinth-archive -q --format json archive --until-complete} in this JVM, every other
   * option at its default (or from the {@code PLINTH_ARCHIVE_*} environment), and returns the rows
   * it moved, residue included.
   */
  private static long archiveWithCli(String url) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine(System.getenv());
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("-q", "--format", "json", "--url", url, "archive", "--until-complete");
    Matcher total = TOTALS.matcher(out.toString());
    if (code != 0 || !total.find()) {
      throw new IllegalStateException("plinth-archive exited " + code + ": " + out);
    }
    return Long.parseLong(total.group(1)) + Long.parseLong(total.group(2));
  }

  /** Checks that exactly the soft-deleted rows moved: none left, all in shadow, live rows kept. */
  private static void verify(ArchiveBackend backend, long deleted) throws SQLException {
    long left = 0;
    long live = 0;
    long shadow = 0;
    try (Connection c = DriverManager.getConnection(backend.url(ArchiveBackend.DATABASE));
        Statement s = c.createStatement()) {
      for (String table : ArchiveBackend.TABLES) {
        left += count(s, "SELECT COUNT(*) FROM " + table + " WHERE deleted <> 0");
        live += count(s, "SELECT COUNT(*) FROM " + table);
        shadow += count(s, "SELECT COUNT(*) FROM shadow_" + table + " WHERE deleted <> 0");
      }
    }
    if (left != 0 || live != deleted || shadow != deleted) {
      System.err.printf(
          "verify failed: %d soft-deleted rows left, %d live rows (expected %d),"
              + " %d shadow rows (expected %d)%n",
          left, live, deleted, shadow, deleted);
      System.exit(1);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Records the heap in use after every collection: the live set, whatever -Xmx allows. */
  private static void watchGarbageCollections() {
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, handback) -> {
                if (!n.getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used =
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed())
                        .sum();
                MAX_HEAP_AFTER_GC.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
  }

  /** The sum of the heap pools' peak usage: an upper bound of the heap ever in use at once. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage)
        .mapToLong(MemoryUsage::getUsed)
        .sum();
  }

  private static void usage() {
    System.err.println(
        "usage: ArchiveBench prepare|verify BACKEND DELETED | reset|drop BACKEND"
            + " | run BACKEND limit|nova|plinth|plinth-parallel|plinth-cli DELETED");
    System.exit(64);
  }
}
