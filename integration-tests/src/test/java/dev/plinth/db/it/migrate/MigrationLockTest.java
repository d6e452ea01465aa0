package dev.plinth.db.it.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.MigrationLockTimeoutException;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.runner.MigrationLock;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

class MigrationLockTest {
  private static final String LOCK = "plinth_migrate_plinth_version";

  @AllBackends
  void secondMigratorTimesOutNamingTheHolder(TestDatabase tdb, Database db) {
    Migrator waiting = SampleRevisions.migrator(db, Duration.ofSeconds(1));
    try (MigrationLock other = MigrationLock.acquire(db, LOCK, Duration.ZERO)) {
      assertThatThrownBy(() -> waiting.upgrade("heads"))
          .isInstanceOf(MigrationLockTimeoutException.class)
          .hasMessageContaining("migration lock '" + LOCK + "' not acquired within PT1S: held by")
          .hasMessageContaining(holderWords(tdb.backend()));
    }
    assertThat(waiting.upgrade("heads").revisionIds()).hasSize(4);
  }

  @AllBackends
  void migratorThatWaitedRereadsTheVersionTableAndAppliesNothingTwice(Database db)
      throws Exception {
    List<MigrationScript> slow = SampleRevisions.dag();
    slow.set(1, ((TestScript) slow.get(1)).withPause(Duration.ofSeconds(2)));
    Migrator first = Migrator.builder().database(db).scripts(slow).build();
    Migrator second = Migrator.builder().database(db).scripts(SampleRevisions.dag()).build();

    CompletableFuture<MigrationResult> firstRun =
        CompletableFuture.supplyAsync(() -> first.upgrade("heads"));
    awaitLogged(db, "r1");
    assertThat(second.planUpgrade("heads")).as("what a stale read would run").contains("r2");
    MigrationResult secondRun = second.upgrade("heads");

    assertThat(firstRun.get(30, TimeUnit.SECONDS).revisionIds()).hasSize(4);
    assertThat(secondRun.applied()).isEmpty();
    assertThat(secondRun.headsBefore()).containsExactly("r4");
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L, "r2", 1L, "r3", 1L, "r4", 1L));
  }

  @AllBackends
  void killedMigratorDoesNotBlockTheNext(TestDatabase tdb, Database db) throws Exception {
    Path logs = Files.createTempDirectory("plinth-kill");
    Process victim = MigrationProcesses.start(logs, 0, tdb.url(), 0, "slow");
    try {
      awaitLogged(db, "r1");
      assertThat(victim.isAlive()).isTrue();
    } finally {
      victim.destroyForcibly();
      victim.waitFor(30, TimeUnit.SECONDS);
    }

    Migrator next = SampleRevisions.migrator(db, Duration.ofSeconds(20));
    assertThat(next.upgrade("heads").revisionIds()).contains("r2", "r4").doesNotContain("r1");
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L, "r2", 1L, "r3", 1L, "r4", 1L));
    assertThat(MigrationState.versionRows(db)).containsExactly("r4");
  }

  static void awaitLogged(Database db, String revision) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (MigrationState.tableExists(db, "applied_log")
          && MigrationState.logged(db).containsKey(revision)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("revision " + revision + " never ran");
  }

  private static String holderWords(Backend backend) {
    switch (backend) {
      case POSTGRESQL:
        return "PostgreSQL backend pid";
      case MYSQL:
        return "MySQL connection id";
      default:
        return "process " + ProcessHandle.current().pid() + " on host";
    }
  }
}
