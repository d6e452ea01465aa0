package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.management.ObjectName;

/**
 * A connection storm: every session of the test database but the killer's own is ended from the
 * server side every 200 ms ({@code pg_terminate_backend}, {@code KILL}) while four writers insert
 * rows, a migration runs and an archive runs. Afterwards the pool holds its baseline of live
 * connections and the server no other session, the migration and the archive have each completed or
 * stopped with a {@link DbException}, no writer call failed (a commit whose acknowledgement the
 * storm cut is resolved, with commit markers on MariaDB), every acknowledged row is stored once and
 * no other, and re-runs leave schema and rows exactly right. The storm lasts {@code
 * -Dplinth.storm.seconds} (default 10; the 30 s were run by hand).
 */
class ConnectionStormTest {
  private static final Duration STORM =
      Duration.ofSeconds(Long.getLong("plinth.storm.seconds", 10));
  private static final long KILL_EVERY_MILLIS = 200;
  private static final int WRITERS = 4;
  private static final int POOL = 5;
  private static final int REVISIONS = 8;

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void afterAStormThePoolIsBackToItsBaselineAndReRunsFinishExactlyRight(TestDatabase tdb)
      throws Exception {
    String pool = "storm-" + tdb.name();
    Database db =
        tdb.track(
            Database.builder()
                .config(
                    tdb.config()
                        .maxPoolSize(POOL)
                        .dbMaxRetries(20)
                        .dbRetryInterval(Duration.ofMillis(100))
                        .mysqlCommitMarkers(true)
                        .build())
                .poolName(pool)
                .hikari(hc -> hc.setRegisterMbeans(true))
                .build());
    NovaData.createFilled(db, 600, 23);
    db.writer()
        .run(
            tx ->
                tx.update(
                    "CREATE TABLE storm_writes (request_id VARCHAR(40) NOT NULL PRIMARY KEY)"));
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);
    Path migrations = revisions();

    try (Connection killer = DriverManager.getConnection(tdb.url())) {
      killer.setAutoCommit(true);
      occupyEveryConnection(db);
      int baseline = poolConnections(pool, "TotalConnections");
      assertThat(baseline).isEqualTo(POOL);
      assertThat(otherSessions(killer, tdb.backend())).isEqualTo(baseline);

      AtomicBoolean storming = new AtomicBoolean(true);
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      List<String> failedCalls = new CopyOnWriteArrayList<>();
      List<CompletableFuture<Void>> writers =
          IntStream.range(0, WRITERS)
              .mapToObj(
                  w ->
                      CompletableFuture.runAsync(
                          () -> write(db, w, storming, acknowledged, failedCalls)))
              .toList();
      CompletableFuture<Object> migration =
          outcome(() -> migrator(db, migrations).upgrade("heads"));
      CompletableFuture<Object> archive =
          outcome(
              () -> Archiver.builder().database(db).maxRows(10).untilComplete(true).build().run());
      int killed = storm(killer, tdb.backend());
      storming.set(false);

      Object migrated = migration.get(5, TimeUnit.MINUTES);
      Object archived = archive.get(5, TimeUnit.MINUTES);
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
      System.out.printf(
          "storm on %s for %s: %d sessions ended; %d writes acknowledged, %d calls failed %s;"
              + " migration: %s; archive: %s%n",
          tdb.backend().id(),
          STORM,
          killed,
          acknowledged.size(),
          failedCalls.size(),
          failedCalls.stream().limit(3).toList(),
          migrated,
          archived);
      assertThat(killed).as("sessions the storm ended").isGreaterThan((int) STORM.toSeconds());
      assertThat(failedCalls).as("writer calls that failed").isEmpty();
      assertThat(migrated).isInstanceOfAny(MigrationResult.class, DbException.class);
      assertThat(archived).isInstanceOfAny(ArchiveResult.class, DbException.class);

      assertThat(db.connectionsInUse()).as("connections Plinth still holds").isZero();
      occupyEveryConnection(db);
      assertThat(poolConnections(pool, "TotalConnections")).isEqualTo(baseline);
      assertThat(poolConnections(pool, "ActiveConnections")).isZero();
      awaitOtherSessions(killer, tdb.backend(), baseline);

      MigrationResult rerun = migrator(db, migrations).upgrade("heads");
      assertThat(rerun.headsAfter()).containsExactly(revision(REVISIONS));
      for (int n = 1; n <= REVISIONS; n++) {
        String table = "storm_t" + n;
        long rows = db.reader().call(tx -> tx.count("SELECT COUNT(*) FROM " + table));
        assertThat(rows).as("rows of storm_t%s", n).isEqualTo(1);
      }
      ArchiveResult rearchived =
          Archiver.builder().database(db).maxRows(100).untilComplete(true).build().run();
      assertThat(rearchived.rowsRemain()).isFalse();
      assertThat(ArchiveChecks.allRows(db)).isEqualTo(before);
      assertThat(ArchiveChecks.softDeletedLeft(db)).isZero();
      ArchiveChecks.assertReferencesHold(db);
      Set<String> stored =
          new HashSet<>(
              db.reader()
                  .call(
                      tx ->
                          tx.query("SELECT request_id FROM storm_writes", rs -> rs.getString(1))));
      assertThat(stored).as("the acknowledged writes and nothing else").isEqualTo(acknowledged);
      assertThat(db.reader().<Long>call(tx -> tx.count("SELECT request_id FROM storm_writes")))
          .as("rows written, each once")
          .isEqualTo(acknowledged.size());

      db.close();
      awaitOtherSessions(killer, tdb.backend(), 0);
    }
  }

  /** Ends every other session of the test database every 200 ms for the storm's length. */
  private static int storm(Connection killer, Backend backend) throws Exception {
    int killed = 0;
    long rounds = STORM.toMillis() / KILL_EVERY_MILLIS;
    for (long round = 0; round < rounds; round++) {
      killed += killOthers(killer, backend);
      Thread.sleep(KILL_EVERY_MILLIS);
    }
    return killed;
  }

  private static int killOthers(Connection killer, Backend backend) throws SQLException {
    int killed = 0;
    try (Statement s = killer.createStatement()) {
      if (backend == Backend.POSTGRESQL) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    + " AND backend_type = 'client backend'")) {
          rs.next();
          return rs.getInt(1);
        }
      }
      for (long id : sessionIds(s)) {
        try {
          s.execute("KILL " + id);
          killed++;
        } catch (SQLException gone) {
          // The session ended by itself between the listing and the KILL.
        }
      }
    }
    return killed;
  }

  private static List<Long> sessionIds(Statement s) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "SELECT ID FROM information_schema.PROCESSLIST"
                + " WHERE DB = DATABASE() AND ID <> CONNECTION_ID()")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static int otherSessions(Connection checker, Backend backend) throws SQLException {
    String sql =
        backend == Backend.POSTGRESQL
            ? "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            : "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE DB = DATABASE() AND ID <> CONNECTION_ID()";
    try (Statement s = checker.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Waits until the server counts {@code expected} other sessions (it may take a moment). */
  private static void awaitOtherSessions(Connection checker, Backend backend, int expected)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int seen = otherSessions(checker, backend);
    while (seen != expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
      seen = otherSessions(checker, backend);
    }
    assertThat(seen).as("sessions of the test database on the server").isEqualTo(expected);
  }

  /** Runs one transaction on every pooled connection at once, so each is checked and replaced. */
  private static void occupyEveryConnection(Database db) throws Exception {
    CyclicBarrier all = new CyclicBarrier(POOL);
    List<CompletableFuture<Void>> holders = new ArrayList<>();
    for (int i = 0; i < POOL; i++) {
      holders.add(
          CompletableFuture.runAsync(
              () ->
                  db.writer()
                      .run(
                          tx -> {
                            tx.count("SELECT 1");
                            await(all);
                          })));
    }
    CompletableFuture.allOf(holders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the pool never lent all its connections at once", e);
    }
  }

  private static int poolConnections(String pool, String attribute) throws Exception {
    ObjectName name = new ObjectName("com.zaxxer.hikari:type=Pool (" + pool + "-writer)");
    return (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
  }

  private static void write(
      Database db,
      int writer,
      AtomicBoolean storming,
      Set<String> acknowledged,
      List<String> failed) {
    for (int n = 0; storming.get(); n++) {
      String id = writer + "-" + n;
      try {
        db.writer().run(tx -> tx.update("INSERT INTO storm_writes (request_id) VALUES (?)", id));
        acknowledged.add(id);
      } catch (DbException e) {
        failed.add(id + ": " + e.getClass().getSimpleName());
      }
    }
  }

  /** The run's result, or the {@link RuntimeException} it stopped with. */
  private static CompletableFuture<Object> outcome(Supplier<Object> run) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return run.get();
          } catch (RuntimeException e) {
            return e;
          }
        });
  }

  private static Migrator migrator(Database db, Path migrations) {
    return Migrator.builder()
        .database(db)
        .locations("filesystem:" + migrations)
        .lockTimeout(Duration.ofSeconds(60))
        .build();
  }

  /**
   * Writes a chain of revisions, each creating a table and inserting one row. {@code IF NOT
   * EXISTS}: on MySQL the table commits on its own before the row and the version change, so a run
   * cut between the two re-runs the revision over the table it left.
   */
  private static Path revisions() throws Exception {
    Path dir = Files.createTempDirectory("plinth-storm");
    for (int n = 1; n <= REVISIONS; n++) {
      String down = n == 1 ? "" : "-- down_revision: " + revision(n - 1) + "\n";
      Files.writeString(
          dir.resolve(revision(n) + ".sql"),
          "-- revision: "
              + revision(n)
              + "\n"
              + down
              + "-- message: storm table "
              + n
              + "\n\n-- +upgrade\nCREATE TABLE IF NOT EXISTS storm_t"
              + n
              + " (id INTEGER NOT NULL PRIMARY KEY, v VARCHAR(20));\nINSERT INTO storm_t"
              + n
              + " (id, v) VALUES (1, 'one');\n-- +downgrade\nDROP TABLE storm_t"
              + n
              + ";\n");
    }
    return dir;
  }

  private static String revision(int n) {
    return "storm0" + n;
  }
}
