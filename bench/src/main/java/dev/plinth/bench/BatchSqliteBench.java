package dev.plinth.bench;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.migrate.batch.Recreate;
import dev.plinth.db.testing.TxMigrationContext;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * One SQLite batch ({@link BatchFixture#changes}) over a large table, by Plinth and by SQLite's
 * twelve-step procedure written by hand on the same sqlite-jdbc; {@code bench/alembic/} holds
 * Alembic's side and {@code bench/run-batch-sqlite.sh} runs them all, interleaved, each on a fresh
 * copy of one prepared database file, one process per run. Commands:
 *
 * <ul>
 *   <li>{@code prepare FILE ROWS sequential|random}: builds the database the runs start from, its
 *       unique names in row order or in random order ({@link BatchFixture.Keys});
 *   <li>{@code plinth FILE}, {@code plinth-copy FILE}, {@code handwritten FILE}: applies the batch
 *       (Plinth with {@code Recreate.AUTO}, which on SQLite rewrites the declaration where the rows
 *       stay as they are, or with {@code Recreate.ALWAYS}, the move and copy) and prints one JSON
 *       line: wall time around the operation only (connection already open, commit included), the
 *       process's CPU time in it, the SQLite version and settings the run saw, and the Java heap
 *       the operation used;
 *   <li>{@code describe FILE}: prints the tables and counts a run left, which every contender must
 *       leave the same.
 * </ul>
 */
public final class BatchSqliteBench {
  private BatchSqliteBench() {}

  /**
   * Runs one command; see the class description.
   *
   * @throws Exception if the command fails: the run is then not counted
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: BatchSqliteBench prepare FILE ROWS sequential|random | plinth FILE"
              + " | plinth-copy FILE | handwritten FILE"
              + " | describe FILE");
    }
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "prepare" ->
          prepare(
              file,
              Integer.parseInt(args[2]),
              BatchFixture.Keys.valueOf(args[3].toUpperCase(Locale.ROOT)));
      case "plinth" -> plinth(file, Recreate.AUTO, "plinth");
      case "plinth-copy" -> plinth(file, Recreate.ALWAYS, "plinth-copy");
      case "handwritten" -> handWritten(file);
      case "describe" -> {
        try (Database db = open(file)) {
          System.out.println(BatchFixture.describe(db));
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static void prepare(Path file, int rows, BatchFixture.Keys keys) throws IOException {
    Files.deleteIfExists(file);
    // Closing the last connection checkpoints the WAL into the file, so a plain copy is complete.
    try (Database db = open(file)) {
      BatchFixture.create(db, rows, keys);
    }
  }

  private static void plinth(Path file, Recreate recreate, String contender) {
    try (Database db = open(file)) {
      String settings = db.reader().call(BatchSqliteBench::settings);
      Watch watch = Watch.start();
      db.writer()
          .schemaChange()
          .run(
              tx ->
                  new TxMigrationContext(tx)
                      .op()
                      .batchAlterTable("items", recreate, BatchFixture::changes));
      watch.print(contender, settings);
    }
  }

  private static void handWritten(Path file) throws SQLException {
    Properties p = new Properties();
    p.setProperty("foreign_keys", "true");
    p.setProperty("journal_mode", "WAL");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, p)) {
      String settings = settings(c);
      Watch watch = Watch.start();
      HandWrittenRebuild.run(c);
      watch.print("handwritten", settings);
    }
  }

  private static Database open(Path file) {
    return Database.builder().url("jdbc:sqlite:" + file).build();
  }

  private static String settings(Tx tx) {
    return settings(tx.connection());
  }

  /** The SQLite version and the settings that bear on a table copy, as JSON members. */
  private static String settings(Connection c) {
    StringBuilder json = new StringBuilder();
    try (Statement s = c.createStatement()) {
      for (String q :
          List.of(
              "sqlite_version()",
              "PRAGMA journal_mode",
              "PRAGMA synchronous",
              "PRAGMA cache_size",
              "PRAGMA temp_store")) {
        try (ResultSet rs = s.executeQuery(q.startsWith("PRAGMA") ? q : "SELECT " + q)) {
          rs.next();
          String key = q.replace("PRAGMA ", "").replace("()", "");
          json.append(String.format(Locale.ROOT, ", \"%s\": \"%s\"", key, rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the SQLite settings", e);
    }
    return json.toString();
  }

  /**
   * Measures one operation: its wall time, the process's CPU time (all threads: the caller, the JIT
   * compilers and the collector) and the Java heap it used. The heap pools' peaks are reset after a
   * full collection just before the operation and their sum read after it (an upper bound: the
   * pools may peak at different times).
   */
  private record Watch(
      List<MemoryPoolMXBean> pools, long collectionsBefore, long cpuBefore, long nanosBefore) {
    static Watch start() {
      List<MemoryPoolMXBean> heap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .toList();
      System.gc();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      return new Watch(heap, collectionCount(), cpuTime(), System.nanoTime());
    }

    /** Ends the measurement and prints its JSON line, with {@code settings} as read before. */
    void print(String contender, String settings) {
      long nanos = System.nanoTime() - nanosBefore;
      long cpu = cpuTime() - cpuBefore;
      System.out.printf(
          Locale.ROOT,
          "{\"contender\": \"%s\", \"seconds\": %.4f, \"cpu_seconds\": %.4f%s,"
              + " \"peak_heap_bytes\": %d, \"gcs\": %d, \"max_heap_bytes\": %d}%n",
          contender,
          nanos / 1e9,
          cpu / 1e9,
          settings,
          pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum(),
          collectionCount() - collectionsBefore,
          Runtime.getRuntime().maxMemory());
    }

    private static long cpuTime() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    private static long collectionCount() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(GarbageCollectorMXBean::getCollectionCount)
          .sum();
    }
  }
}
