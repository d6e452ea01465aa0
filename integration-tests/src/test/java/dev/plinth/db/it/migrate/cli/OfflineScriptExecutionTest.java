package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.source.SqlStatement;
import dev.plinth.db.migrate.source.StatementSplitter;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

/** Offline ({@code --sql}) scripts, run statement by statement on a real database. */
class OfflineScriptExecutionTest {
  @TempDir Path dir;

  @AllBackends
  void linearScriptMovesTheHeadWithOneUpdatePerStep(TestDatabase tdb, Database db)
      throws IOException, SQLException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("1.sql", "aa01", "", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
    cli.revision("2.sql", "bb02", "aa01", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
    cli.revision("3.sql", "cc03", "bb02", "CREATE TABLE t3 (id INTEGER);", "DROP TABLE t3;");
    String table = db.dialect().quote("plinth_version");

    String up = offline(cli, "upgrade", "heads", "--sql");
    assertThat(up.lines().filter(l -> l.startsWith("UPDATE " + table)))
        .containsExactly(
            "UPDATE " + table + " SET version_num = 'bb02' WHERE version_num = 'aa01';",
            "UPDATE " + table + " SET version_num = 'cc03' WHERE version_num = 'bb02';");
    assertThat(up.lines().filter(l -> l.startsWith("INSERT INTO " + table)))
        .containsExactly("INSERT INTO " + table + " (version_num) VALUES ('aa01');");
    assertThat(up).doesNotContain("DELETE FROM " + table);
    execute(db, up);
    assertThat(CliProject.versionRows(db)).containsExactly("cc03");
    assertThat(CliProject.tableExists(db, "t3")).isTrue();
    CliProject.Result check = cli.run("check");
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();

    String down = offline(cli, "downgrade", "cc03:aa01", "--sql");
    assertThat(down)
        .contains("UPDATE " + table + " SET version_num = 'bb02' WHERE version_num = 'cc03';")
        .doesNotContain("DELETE FROM " + table);
    execute(db, down);
    assertThat(CliProject.versionRows(db)).containsExactly("aa01");
    assertThat(CliProject.tableExists(db, "t2")).isFalse();
  }

  private static String offline(CliProject cli, String... args) {
    CliProject.Result result = cli.run(args);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out();
  }

  /** Runs a script as its backend's client would, statement by statement in auto-commit. */
  static void execute(Database db, String script) throws SQLException {
    try (Connection c = db.openConnection();
        Statement s = c.createStatement()) {
      for (SqlStatement statement :
          StatementSplitter.forBackend(db.dialect().name()).split(script)) {
        s.execute(statement.sql());
      }
    }
  }
}
