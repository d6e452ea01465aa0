package dev.plinth.db.it.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Many service instances starting at once: separate JVMs racing to upgrade one database. */
class ConcurrentMigratorsTest {
  private static final int PROCESSES = 8;

  @AllBackends
  void eightProcessesStartingTogetherApplyEveryRevisionExactlyOnce(TestDatabase tdb, Database db)
      throws Exception {
    Path logs = Files.createTempDirectory("plinth-race");
    long startAt = System.currentTimeMillis() + 6_000;
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      processes.add(MigrationProcesses.start(logs, i, tdb.url(), startAt));
    }
    for (int i = 0; i < PROCESSES; i++) {
      Process p = processes.get(i);
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("migrator %d finished", i).isTrue();
      assertThat(p.exitValue())
          .as(
              "migrator %d exit code; log:%n%s",
              i, Files.readString(logs.resolve("migrator-" + i + ".log")))
          .isZero();
    }

    Map<String, Long> once = Map.of("r1", 1L, "r2", 1L, "r3", 1L, "r4", 1L);
    assertThat(MigrationState.logged(db)).isEqualTo(once);
    assertThat(MigrationState.history(db, "upgrade", "success")).isEqualTo(once);
    assertThat(MigrationState.history(db, "upgrade", "failure")).isEmpty();
    assertThat(MigrationState.versionRows(db)).containsExactly("r4");
    long ranSomething = 0;
    for (int i = 0; i < PROCESSES; i++) {
      if (!Files.readString(logs.resolve("migrator-" + i + ".log")).contains("applied []")) {
        ranSomething++;
      }
    }
    assertThat(ranSomething).as("processes that applied revisions").isEqualTo(1);
  }
}
