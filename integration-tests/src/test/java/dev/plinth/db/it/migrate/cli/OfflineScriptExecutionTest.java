package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Session;
import dev.plinth.db.migrate.source.SqlStatement;
import dev.plinth.db.migrate.source.StatementSplitter;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Offline ({@code --sql}) scripts, run statement by statement on a real database. */
class OfflineScriptExecutionTest {
  @TempDir Path dir;
  @TempDir Path work;

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

  @AllBackends(Backend.SQLITE)
  void sqliteScriptRebuildsAReferencedTableWithForeignKeysOffOnlyDuringTheRevision(
      TestDatabase tdb, Database db) throws IOException, SQLException {
    CliProject cli = parentAndChild(tdb);
    cli.revision(
        "2.sql",
        "bb02",
        "aa01",
        "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
            + "INSERT INTO parent_new (id, name) SELECT id, name FROM parent;\n"
            + "DROP TABLE parent;\n"
            + "ALTER TABLE parent_new RENAME TO parent;",
        "");

    String script = offline(cli, "upgrade", "heads", "--sql");
    assertThat(script)
        .containsSubsequence(
            "PRAGMA foreign_keys = OFF;",
            "BEGIN;",
            "DROP TABLE parent;",
            "UPDATE \"plinth_version\" SET version_num = 'bb02' WHERE version_num = 'aa01';",
            "PRAGMA foreign_key_check;",
            "INSERT OR ROLLBACK INTO plinth_foreign_key_check",
            "COMMIT;",
            "PRAGMA foreign_keys = ON;");
    // Plinth's connections enforce foreign keys: unguarded, DROP TABLE parent would cascade.
    try (Session session = db.openSession()) {
      execute(db, session.connection(), script);
      assertThat(queryInt(session.connection(), "PRAGMA foreign_keys")).isEqualTo(1);
    }
    assertThat(CliProject.versionRows(db)).containsExactly("bb02");
    assertThat(ids(db, "child")).containsExactly(10);
  }

  @AllBackends(Backend.SQLITE)
  void sqliteScriptRollsBackARevisionThatOrphansRowsAndStopsUnderBail(TestDatabase tdb, Database db)
      throws IOException, InterruptedException {
    CliProject cli = parentAndChild(tdb);
    cli.revision("2.sql", "bb02", "aa01", "DELETE FROM parent;", "");
    cli.revision("3.sql", "cc03", "bb02", "CREATE TABLE later (id INTEGER);", "DROP TABLE later;");
    assertThat(cli.run("upgrade", "aa01").exitCode()).isZero();

    CliProject.Result bailed =
        sqlite3(tdb, offline(cli, "upgrade", "aa01:heads", "--sql"), "-bail");
    assertThat(bailed.exitCode()).isNotZero();
    assertThat(bailed.out())
        .as("PRAGMA foreign_key_check lists the orphan")
        .contains("child|10|parent|0");
    assertThat(bailed.err())
        .contains("CHECK constraint failed: foreign_key_check: rows point at missing parent rows");
    assertThat(CliProject.versionRows(db)).containsExactly("aa01");
    assertThat(ids(db, "parent")).as("the revision rolled back").containsExactly(1);
    assertThat(CliProject.tableExists(db, "later")).as("-bail stopped the script").isFalse();

    CliProject.Result unbailed = sqlite3(tdb, offline(cli, "upgrade", "aa01:bb02", "--sql"));
    assertThat(unbailed.exitCode()).isNotZero();
    assertThat(CliProject.versionRows(db))
        .as("INSERT OR ROLLBACK rolls back even without -bail")
        .containsExactly("aa01");
  }

  private CliProject parentAndChild(TestDatabase tdb) throws IOException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision(
        "1.sql",
        "aa01",
        "",
        "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);\n"
            + "CREATE TABLE child (id INTEGER PRIMARY KEY,"
            + " parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);\n"
            + "INSERT INTO parent (id, name) VALUES (1, 'one');\n"
            + "INSERT INTO child (id, parent_id) VALUES (10, 1);",
        "DROP TABLE child;\nDROP TABLE parent;");
    return cli;
  }

  /** Runs {@code script} in the {@code sqlite3} shell on the test database's file. */
  private CliProject.Result sqlite3(TestDatabase tdb, String script, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sqlite3"));
    command.addAll(List.of(options));
    command.add(tdb.url().substring("jdbc:sqlite:".length()));
    return CliProject.execute(command, Files.writeString(work.resolve("script.sql"), script), work);
  }

  private static String offline(CliProject cli, String... args) {
    CliProject.Result result = cli.run(args);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out();
  }

  /** Runs a script as its backend's client would: statement by statement, in auto-commit. */
  private static void execute(Database db, String script) throws SQLException {
    try (Session session = db.openSession()) {
      execute(db, session.connection(), script);
    }
  }

  private static void execute(Database db, Connection c, String script) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (SqlStatement statement :
          StatementSplitter.forBackend(db.dialect().name()).split(script)) {
        s.execute(statement.sql());
      }
    }
  }

  private static List<Integer> ids(Database db, String table) {
    return db.reader().call(tx -> tx.query("SELECT id FROM " + table, rs -> rs.getInt(1)));
  }

  private static int queryInt(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
