package dev.plinth.db.it.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.MigrationLockTimeoutException;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A migrator killed with SIGKILL while the server runs one of its revision's statements leaves that
 * statement running, with the revision's row locks held (PostgreSQL and MariaDB both go on until
 * they next write to the dead client). The next migrator names it and waits, or ends it when asked,
 * before it reads the version table.
 */
class OrphanedMigratorWorkTest {

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void nextMigratorNamesTheKilledMigratorsStatementAndWaitsUntilItEnds(
      TestDatabase tdb, Database db) throws Exception {
    String stall = MigrateMain.stallStatement(tdb.url());
    long orphan = orphanOfKilledMigrator(tdb, db);

    assertThatThrownBy(() -> migrator(db, Duration.ofSeconds(2), false).upgrade("heads"))
        .isInstanceOf(MigrationLockTimeoutException.class)
        .hasMessageContaining(idWords(tdb.backend()) + " " + orphan + " running '" + stall + "'")
        .hasMessageContaining("--end-orphaned");
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L));

    Migrator patient = migrator(db, Duration.ofSeconds(60), false);
    CompletableFuture<MigrationResult> run =
        CompletableFuture.supplyAsync(() -> patient.upgrade("heads"));
    Thread.sleep(1000);
    assertThat(run).as("waits while the orphan runs").isNotDone();
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L));
    endFromOutside(db, tdb.backend(), orphan);

    assertThat(run.get(60, TimeUnit.SECONDS).revisionIds())
        .containsExactlyInAnyOrder("r2", "r3", "r4");
    assertMigratedOnce(db);
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void nextMigratorEndsTheKilledMigratorsStatementWhenAsked(TestDatabase tdb, Database db)
      throws Exception {
    String stall = MigrateMain.stallStatement(tdb.url());
    orphanOfKilledMigrator(tdb, db);

    assertThat(migrator(db, Duration.ofSeconds(30), true).upgrade("heads").revisionIds())
        .containsExactlyInAnyOrder("r2", "r3", "r4");
    assertThat(running(db, tdb.backend(), stall)).isEmpty();
    assertMigratedOnce(db);
  }

  /**
   * Starts a migrator process that stalls in {@code r2} or {@code r3}, kills it with SIGKILL while
   * the server runs the stalling statement, and returns the session that goes on running it.
   */
  private static long orphanOfKilledMigrator(TestDatabase tdb, Database db) throws Exception {
    String stall = MigrateMain.stallStatement(tdb.url());
    Process victim =
        MigrationProcesses.start(
            Files.createTempDirectory("plinth-orphan"), 0, tdb.url(), 0, "stall");
    long orphan;
    try {
      orphan = awaitRunning(db, tdb.backend(), stall);
    } finally {
      victim.destroyForcibly();
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(running(db, tdb.backend(), stall)).as("still on the server").containsExactly(orphan);
    return orphan;
  }

  private static Migrator migrator(Database db, Duration lockTimeout, boolean endOrphans) {
    return Migrator.builder()
        .database(db)
        .scripts(SampleRevisions.dag())
        .lockTimeout(lockTimeout)
        .endOrphans(endOrphans)
        .build();
  }

  private static void assertMigratedOnce(Database db) {
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L, "r2", 1L, "r3", 1L, "r4", 1L));
    assertThat(MigrationState.versionRows(db)).containsExactly("r4");
  }

  private static void endFromOutside(Database db, Backend backend, long session) {
    db.writer()
        .run(
            tx -> {
              if (backend == Backend.POSTGRESQL) {
                tx.queryOne("SELECT pg_terminate_backend(?::int)", rs -> rs.getBoolean(1), session);
              } else {
                tx.update("KILL " + session);
              }
            });
  }

  private static long awaitRunning(Database db, Backend backend, String statement)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<Long> found = running(db, backend, statement);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the migrator never ran " + statement);
  }

  /** The server sessions of the test database running {@code statement}. */
  private static List<Long> running(Database db, Backend backend, String statement) {
    String sql =
        backend == Backend.POSTGRESQL
            ? "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state = 'active' AND query = ?"
            : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO = ?";
    return db.reader().call(tx -> tx.query(sql, rs -> rs.getLong(1), statement));
  }

  private static String idWords(Backend backend) {
    return backend == Backend.POSTGRESQL ? "PostgreSQL backend pid" : "MySQL connection id";
  }
}
