package dev.plinth.bench.templates;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.MigratedDatabases;
import dev.plinth.db.testing.MigrationSet;
import dev.plinth.db.testing.TestDatabase;
import dev.plinth.db.testing.TestDatabases;
import dev.plinth.db.testing.provision.BackendDiscovery;
import dev.plinth.db.testing.provision.DatabaseNames;
import dev.plinth.db.testing.provision.ServerBackend;
import dev.plinth.db.testing.provision.SqliteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Time per test of a database migrated to heads: a copy of a template ({@link MigratedDatabases})
 * against replaying the migrations on an empty database, at several chain lengths and on every
 * backend. A "test" takes the database, opens a {@link Database} on it, runs one query and drops
 * the database; tests follow each other with no work in between, the worst case for copies prepared
 * ahead. On server backends it also measures the floor: the raw copy statements alone.
 *
 * <p>Arguments: {@code TESTS REPLAYS BACKENDS REVISIONS...}, e.g. {@code 20 3
 * sqlite,postgresql,mysql 20 200 1000}. Prints one line per backend and chain length.
 */
public final class TemplateBench {
  private final BackendDiscovery discovery = new BackendDiscovery(System.getenv());

  private TemplateBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args tests per point, replays per point, backends, chain lengths
   * @throws Exception if a database refuses
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: TemplateBench TESTS REPLAYS BACKENDS REVISIONS...");
      System.exit(64);
    }
    int tests = Integer.parseInt(args[0]);
    int replays = Integer.parseInt(args[1]);
    List<Backend> backends = new ArrayList<>();
    for (String id : args[2].split(",")) {
      backends.add(Backend.fromId(id));
    }
    Path work = Files.createTempDirectory("plinth-template-bench-");
    System.out.printf(
        "%-10s %5s %6s | %8s | %8s %8s %8s %8s | %8s | %6s | %s%n",
        "backend",
        "revs",
        "tables",
        "first",
        "copy",
        "drop",
        "use",
        "test",
        "replay",
        "ratio",
        "floor: raw copy + raw drop");
    TemplateBench bench = new TemplateBench();
    for (int i = 3; i < args.length; i++) {
      int revisions = Integer.parseInt(args[i]);
      Path dir = work.resolve("chain-" + revisions);
      SchemaChainGenerator.write(dir, revisions);
      MigrationSet set = MigrationSet.locations("filesystem:" + dir);
      for (Backend backend : backends) {
        bench.point(backend, revisions, set, tests, replays);
      }
    }
  }

  private void point(Backend backend, int revisions, MigrationSet set, int tests, int replays)
      throws SQLException {
    long[] perTest = new long[tests];
    long[] copyWait = new long[tests];
    long[] use = new long[tests];
    long first;
    try (MigratedDatabases databases = MigratedDatabases.create(discovery)) {
      long start = System.nanoTime();
      runTest(databases.copy(backend, set));
      first = System.nanoTime() - start;
      for (int i = 0; i < tests; i++) {
        long t0 = System.nanoTime();
        TestDatabase copy = databases.copy(backend, set);
        long t1 = System.nanoTime();
        use[i] = runTest(copy);
        perTest[i] = System.nanoTime() - t0;
        copyWait[i] = t1 - t0;
      }
    }
    long[] replayed = new long[replays];
    for (int i = 0; i < replays; i++) {
      long t0 = System.nanoTime();
      TestDatabase empty = empty(backend);
      try (Database db = empty.open();
          Migrator migrator = set.migrator(db, set.load())) {
        migrator.upgrade("heads");
      }
      runTest(empty);
      replayed[i] = System.nanoTime() - t0;
    }
    String floor = backend == Backend.SQLITE ? "-" : floor(backend, set);
    double ratio = (double) median(replayed) / median(perTest);
    System.out.printf(
        "%-10s %5d %6d | %8.0f | %8.1f %8.1f %8.1f %8.1f | %8.0f | %5.0fx | %s%n",
        backend.id(),
        revisions,
        revisions / SchemaChainGenerator.REVISIONS_PER_TABLE,
        ms(first),
        ms(median(copyWait)),
        ms(median(perTest) - median(copyWait) - median(use)),
        ms(median(use)),
        ms(median(perTest)),
        ms(median(replayed)),
        ratio,
        floor);
  }

  /**
   * What a test does with its database: open a {@link Database}, read one table, then close and
   * drop it. Returns the nanoseconds spent opening and reading.
   */
  private static long runTest(TestDatabase database) {
    long t0 = System.nanoTime();
    long used;
    try (database) {
      Database db = database.open();
      long rows = db.reader().call(tx -> tx.count("SELECT * FROM t0001"));
      if (rows != 4) {
        throw new IllegalStateException("t0001 holds " + rows + " rows, expected 4");
      }
      used = System.nanoTime() - t0;
    }
    return used;
  }

  /** An empty database, as {@code @AllBackends} provisions one. */
  private TestDatabase empty(Backend backend) throws SQLException {
    String name = DatabaseNames.random("plinth_");
    if (backend == Backend.SQLITE) {
      Path dir = SqliteFiles.newDirectory();
      return TestDatabases.of(
          backend,
          name,
          "jdbc:sqlite:" + dir.resolve(name + ".db"),
          null,
          () -> SqliteFiles.deleteDirectory(dir));
    }
    ServerBackend server = discovery.find(backend).server();
    server.create(name);
    return TestDatabases.of(backend, name, server.urlOf(name), server, () -> drop(server, name));
  }

  /** The raw statements of a copy and a drop, timed on a template migrated for the purpose. */
  private String floor(Backend backend, MigrationSet set) throws SQLException {
    ServerBackend server = discovery.find(backend).server();
    TestDatabase template = empty(backend);
    try (template) {
      try (Database db = template.open();
          Migrator migrator = set.migrator(db, set.load())) {
        migrator.upgrade("heads");
      }
      RawCopy raw = RawCopy.of(backend, server, template.name());
      long[] create = new long[5];
      long[] drop = new long[5];
      for (int i = 0; i < create.length; i++) {
        String name = DatabaseNames.random("plinth_");
        long t0 = System.nanoTime();
        raw.copy(name);
        long t1 = System.nanoTime();
        server.drop(name);
        create[i] = t1 - t0;
        drop[i] = System.nanoTime() - t1;
      }
      return String.format("%.0f + %.0f (%s)", ms(median(create)), ms(median(drop)), raw.what());
    }
  }

  private static void drop(ServerBackend server, String name) {
    try {
      server.drop(name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop " + name, e);
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long mean(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
