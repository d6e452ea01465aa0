package dev.plinth.db.it.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.it.migrate.MigrationProcesses;
import dev.plinth.db.it.migrate.MigrationState;
import dev.plinth.db.it.migrate.SampleRevisions;
import dev.plinth.db.it.migrate.ops.BatchAlterTableTest;
import dev.plinth.db.it.migrate.phases.ExpandContractScenarioTest;
import dev.plinth.db.migrate.MigrationLockTimeoutException;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.runner.MigrationLock;
import dev.plinth.db.testing.server.GaleraCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migrations on a real three-node MariaDB Galera cluster: the migration lock holds across nodes and
 * dies with its holder, DDL replicates in total order, and batch and expand/contract revisions work
 * there. Migrators are separate JVMs spread over the nodes. One cluster for the class; skipped
 * without galera-4 unless {@code PLINTH_TEST_REQUIRE} lists galera.
 */
class GaleraMigrationsTest {
  private static final int PROCESSES = 8;
  private static final Map<String, Long> ONCE = Map.of("r1", 1L, "r2", 1L, "r3", 1L, "r4", 1L);
  private static final String LOCK = "plinth_migrate_plinth_version";

  @RegisterExtension static final ClusterDatabases databases = new ClusterDatabases("gm");

  @Test
  void eightProcessesOverThreeNodesApplyEveryRevisionExactlyOnce() throws Exception {
    String name = databases.create();
    Path logs = Files.createTempDirectory("plinth-galera-race");
    long startAt = System.currentTimeMillis() + 6_000;
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      String url = databases.url(1 + i % GaleraCluster.SIZE, name);
      processes.add(MigrationProcesses.start(logs, i, url, startAt));
    }
    int ranSomething = 0;
    for (int i = 0; i < PROCESSES; i++) {
      String log = awaitSuccess(processes.get(i), logs, i);
      ranSomething += log.contains("applied []") ? 0 : 1;
    }

    assertThat(ranSomething).as("processes that applied revisions").isEqualTo(1);
    assertMigratedOnceOnEveryNode(name);
  }

  @Test
  void aMigratorOnAnotherNodeWaitsAndNamesTheHolder() throws Exception {
    String name = databases.create();
    try (Database node1 = databases.open(1, name);
        Database node2 = databases.open(2, name);
        MigrationLock held = MigrationLock.acquire(node1, LOCK, Duration.ZERO)) {
      Migrator waiting = SampleRevisions.migrator(node2, Duration.ofSeconds(3));
      assertThatThrownBy(() -> waiting.upgrade("heads"))
          .isInstanceOf(MigrationLockTimeoutException.class)
          .hasMessageContaining("not acquired within PT3S: held by MySQL connection id")
          .hasMessageContaining("on Galera node");
    }
    try (Database node3 = databases.open(3, name)) {
      assertThat(
              SampleRevisions.migrator(node3, Duration.ofSeconds(10))
                  .upgrade("heads")
                  .revisionIds())
          .hasSize(4);
    }
    assertMigratedOnceOnEveryNode(name);
  }

  @Test
  void aKilledHolderOnOneNodeIsTakenOverFromAnother() throws Exception {
    String name = databases.create();
    Path logs = Files.createTempDirectory("plinth-galera-kill");
    Process victim = MigrationProcesses.start(logs, 0, databases.url(1, name), 0, "slow");
    try (Database node2 = databases.open(2, name)) {
      awaitLogged(node2, victim);
    } finally {
      victim.destroyForcibly();
      victim.waitFor(30, TimeUnit.SECONDS);
    }

    Process next = MigrationProcesses.start(logs, 1, databases.url(2, name), 0);
    String log = awaitSuccess(next, logs, 1);

    assertThat(log)
        .contains("took lock '" + LOCK + "' over from")
        .contains("heartbeat stood still");
    assertThat(log).contains("applied [").doesNotContain("applied [r1");
    assertMigratedOnceOnEveryNode(name);
  }

  @Test
  void batchAndExpandContractRevisionsRunOnTheCluster() throws Exception {
    String batch = databases.create();
    try (Database db = databases.open(2, batch)) {
      new BatchAlterTableTest().designExampleWidensQtyDropsAColumnAndRenamesAnother(db);
    }
    assertSameSchemaOnEveryNode(batch);
    String failedCheck = databases.create();
    try (Database db = databases.open(1, failedCheck)) {
      new BatchAlterTableTest().copyThatViolatesANewCheckFailsAndLeavesTheTableAsItWas(db);
    }
    assertSameSchemaOnEveryNode(failedCheck);
    String phases = databases.create();
    try (Database db = databases.open(3, phases)) {
      new ExpandContractScenarioTest().expandOldAndNewCodeDataMigrationThenContract(db);
    }
    assertSameSchemaOnEveryNode(phases);
    for (int node = 1; node <= GaleraCluster.SIZE; node++) {
      try (Database db = databases.open(node, phases)) {
        assertThat(MigrationState.versionRows(db)).as("node %d", node).containsExactly("p3");
      }
    }
  }

  private static void assertMigratedOnceOnEveryNode(String name) {
    for (int node = 1; node <= GaleraCluster.SIZE; node++) {
      try (Database db = databases.open(node, name)) {
        assertThat(MigrationState.logged(db)).as("applied_log on node %d", node).isEqualTo(ONCE);
        assertThat(MigrationState.history(db, "upgrade", "success"))
            .as("history on node %d", node)
            .isEqualTo(ONCE);
        assertThat(MigrationState.history(db, "upgrade", "failure")).isEmpty();
        assertThat(MigrationState.versionRows(db)).as("node %d", node).containsExactly("r4");
      }
    }
  }

  private static void assertSameSchemaOnEveryNode(String name) {
    try (Database first = databases.open(1, name)) {
      Schema expected = first.reader().call(tx -> first.schema().readAll(tx));
      for (int node = 2; node <= GaleraCluster.SIZE; node++) {
        try (Database db = databases.open(node, name)) {
          Schema actual = db.reader().call(tx -> db.schema().readAll(tx));
          assertThat(actual).as("schema on node %d", node).isEqualTo(expected);
        }
      }
    }
  }

  private static String awaitSuccess(Process p, Path logs, int i) throws Exception {
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("migrator %d finished", i).isTrue();
    String log = Files.readString(logs.resolve("migrator-" + i + ".log"));
    assertThat(p.exitValue()).as("migrator %d exit code; log:%n%s", i, log).isZero();
    return log;
  }

  private static void awaitLogged(Database db, Process victim) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (MigrationState.tableExists(db, "applied_log")
          && MigrationState.logged(db).containsKey("r1")) {
        assertThat(victim.isAlive()).as("the victim still holds the lock").isTrue();
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("revision r1 never ran");
  }
}
