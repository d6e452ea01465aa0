package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SQL revision of a plan is split and its transaction control checked before the first
 * revision runs: a {@code COMMIT} in the last revision of a plan refuses the whole plan, and
 * nothing of its earlier revisions is applied.
 */
class PlanCheckedBeforeRunningTest {
  @TempDir Path dir;

  @AllBackends
  void aCommitInTheThirdRevisionRefusesThePlanBeforeTheFirstRuns(TestDatabase tdb, Database db)
      throws IOException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("1.sql", "aa01", "", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
    cli.revision("2.sql", "bb02", "aa01", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
    Path third =
        cli.revision(
            "3.sql", "cc03", "bb02", "CREATE TABLE t3 (id INTEGER);\nCOMMIT;", "DROP TABLE t3;");

    CliProject.Result result = cli.run("upgrade", "heads");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err())
        .contains(third + ":7: 'COMMIT' controls the transaction")
        .contains("-- transactional: false");
    assertThat(CliProject.versionRows(db)).isEmpty();
    assertThat(CliProject.tableExists(db, "t1")).isFalse();
  }
}
