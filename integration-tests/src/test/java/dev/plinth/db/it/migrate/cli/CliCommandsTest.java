package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.dialect.WorkMark;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.migrate.runner.MigrationLock;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real database on every backend. */
class CliCommandsTest {
  @TempDir Path dir;

  @AllBackends
  void upgradeCurrentDowngradeAndStamp(TestDatabase tdb, Database db) throws IOException {
    CliProject cli = threeRevisions(tdb);
    assertThat(cli.run("current", "--format", "json").json())
        .isEqualTo(CliProject.Result.json("[]"));
    assertThat(cli.run("upgrade", "heads", "--plan", "--format", "json").json())
        .isEqualTo(CliProject.Result.json("[\"aa01\",\"bb02\",\"cc03\"]"));

    CliProject.Result up = cli.run("upgrade", "heads");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out().lines()).containsExactly("aa01", "bb02", "cc03");
    assertThat(cli.run("current", "--format", "json").json())
        .isEqualTo(CliProject.Result.json("[\"cc03\"]"));
    assertThat(cli.run("check").exitCode()).isZero();
    assertThat(CliProject.tableExists(db, "t3")).isTrue();

    CliProject.Result down = cli.run("downgrade", "aa01");
    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(down.out().lines()).containsExactly("cc03", "bb02");
    assertThat(CliProject.versionRows(db)).containsExactly("aa01");
    assertThat(CliProject.tableExists(db, "t3")).isFalse();
    CliProject.Result behind = cli.run("check");
    assertThat(behind.exitCode()).isEqualTo(1);
    assertThat(behind.out()).contains("upgrade heads");

    assertThat(cli.run("stamp", "heads").exitCode()).isZero();
    assertThat(CliProject.versionRows(db)).containsExactly("cc03");
    assertThat(CliProject.tableExists(db, "t3")).as("stamp runs nothing").isFalse();
    assertThat(cli.run("stamp", "base").exitCode()).isZero();
    assertThat(CliProject.versionRows(db)).isEmpty();
  }

  @AllBackends
  void lockHeldByAnotherMigratorExitsWithThree(TestDatabase tdb, Database db) throws IOException {
    CliProject cli = threeRevisions(tdb);
    try (MigrationLock held =
        MigrationLock.acquire(db, "plinth_migrate_plinth_version", Duration.ZERO)) {
      CliProject.Result locked = cli.run("upgrade", "heads", "--lock-timeout", "1s");
      assertThat(locked.exitCode()).isEqualTo(3);
      assertThat(locked.err()).contains("not acquired within PT1S").hasLineCount(1);
    }
    assertThat(CliProject.versionRows(db)).isEmpty();
    assertThat(cli.run("upgrade", "heads").exitCode()).isZero();
  }

  /**
   * A session marked as a migrator's work runs a long statement while no migrator holds the lock,
   * as a killed migrator's would: {@code upgrade} names it and exits 3 after {@code
   * --lock-timeout}, and with {@code --end-orphaned} ends it and migrates.
   */
  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void endOrphanedEndsAMigratorsStatementLeftOnTheServer(TestDatabase tdb, Database db)
      throws Exception {
    CliProject cli = threeRevisions(tdb);
    String stall = tdb.backend() == Backend.POSTGRESQL ? "SELECT pg_sleep(60)" : "SELECT SLEEP(60)";
    try (Session orphan = db.openSession()) {
      CompletableFuture<Object> running =
          CompletableFuture.supplyAsync(
              () -> {
                try (WorkMark mark =
                    db.dialect().markWork(orphan, "plinth_migrate_plinth_version")) {
                  return orphan.query(stall, rs -> rs.getObject(1));
                } catch (RuntimeException e) {
                  return e;
                }
              });
      CliProject.Result waited = cli.run("upgrade", "heads", "--lock-timeout", "1s");
      assertThat(waited.exitCode()).as(waited.err()).isEqualTo(3);
      assertThat(waited.err()).contains("running '" + stall + "'").contains("--end-orphaned");

      CliProject.Result ended = cli.run("upgrade", "heads", "--end-orphaned");
      assertThat(ended.exitCode()).as(ended.err()).isZero();
      assertThat(running.get(30, TimeUnit.SECONDS)).isInstanceOf(DbException.class);
    }
    assertThat(CliProject.versionRows(db)).containsExactly("cc03");
  }

  private CliProject threeRevisions(TestDatabase tdb) throws IOException {
    return CliProject.threeRevisions(dir, tdb);
  }
}
