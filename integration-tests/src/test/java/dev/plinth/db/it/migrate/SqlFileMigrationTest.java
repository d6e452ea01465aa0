package dev.plinth.db.it.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.migrate.ChecksumMismatchException;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionFailedException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Revisions loaded from SQL files in a {@code filesystem:} location. */
class SqlFileMigrationTest {

  @AllBackends
  void editedAppliedSqlFileIsReportedByPathAndNothingRuns(Database db) throws IOException {
    Path dir = Files.createTempDirectory("plinth-sql");
    Path first = dir.resolve("first.sql");
    Files.writeString(
        first,
        "-- revision: aa01\n-- message: create log\n\n-- +upgrade\n"
            + "CREATE TABLE applied_log (revision VARCHAR(32) NOT NULL);\n"
            + "INSERT INTO applied_log (revision) VALUES ('aa01');\n"
            + "-- +downgrade\nDROP TABLE applied_log;\n");
    Migrator migrator = sqlMigrator(db, dir);
    assertThat(migrator.upgrade("heads").revisionIds()).containsExactly("aa01");

    Files.writeString(
        dir.resolve("second.sql"),
        "-- revision: bb02\n-- down_revision: aa01\n\n-- +upgrade\n"
            + "INSERT INTO applied_log (revision) VALUES ('bb02');\n");
    Files.writeString(first, Files.readString(first).replace("'aa01'", "'edited'"));

    assertThatThrownBy(() -> sqlMigrator(db, dir).upgrade("heads"))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(first.getFileName().toString())
        .hasMessageContaining("revision aa01 was edited after it was applied");
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("aa01", 1L));
    assertThat(MigrationState.versionRows(db)).containsExactly("aa01");
  }

  @AllBackends
  void everyRevisionButTheRunsLastCommitsRelaxed(Database db, Backend backend) throws IOException {
    Path dir = Files.createTempDirectory("plinth-sql");
    String setting =
        switch (backend) {
          case POSTGRESQL -> "current_setting('synchronous_commit')";
          case SQLITE -> "(SELECT synchronous FROM pragma_synchronous)";
          case MYSQL -> "@@innodb_flush_log_at_trx_commit";
        };
    String down = "";
    for (String revision : List.of("aa01", "bb02", "cc03")) {
      Files.writeString(
          dir.resolve(revision + ".sql"),
          "-- revision: "
              + revision
              + down
              + "\n\n-- +upgrade\n"
              + (down.isEmpty()
                  ? "CREATE TABLE durability (revision VARCHAR(32), setting VARCHAR(16));\n"
                  : "")
              + "INSERT INTO durability VALUES ('"
              + revision
              + "', "
              + setting
              + ");\n");
      down = "\n-- down_revision: " + revision;
    }
    sqlMigrator(db, dir).upgrade("heads");
    List<String> settings =
        db.reader()
            .call(
                tx ->
                    tx.query(
                        "SELECT setting FROM durability ORDER BY revision", rs -> rs.getString(1)));
    String durable = settings.get(2);
    assertThat(settings)
        .isEqualTo(
            switch (backend) {
              case POSTGRESQL -> List.of("off", "off", "on");
              case SQLITE -> List.of("1", "1", "2");
              case MYSQL -> List.of(durable, durable, durable);
            });
    assertThat(MigrationState.versionRows(db)).containsExactly("cc03");
  }

  @AllBackends
  void aNonTransactionalRevisionsFailureArrivesTranslatedWithWhatItCommitted(Database db)
      throws IOException {
    Path dir = Files.createTempDirectory("plinth-sql");
    Files.writeString(
        dir.resolve("1.sql"),
        String.join(
            "\n",
            "-- revision: aa01",
            "-- transactional: false",
            "-- message: outside a transaction",
            "-- +upgrade",
            "CREATE TABLE kept_rows (id INTEGER PRIMARY KEY);",
            "INSERT INTO kept_rows (id) VALUES (1);",
            "INSERT INTO kept_rows (id) VALUES (1);",
            "-- +downgrade",
            "DROP TABLE kept_rows;",
            ""));

    assertThatThrownBy(() -> sqlMigrator(db, dir).upgrade("heads"))
        .isInstanceOfSatisfying(
            RevisionFailedException.class, e -> assertThat(e.committedStatements()).hasSize(2))
        .hasCauseInstanceOf(DuplicateEntryException.class);
    long kept = db.reader().call(tx -> tx.count("SELECT id FROM kept_rows"));
    assertThat(kept).as("the first INSERT committed on its own").isEqualTo(1);
  }

  @AllBackends
  void aVersionRowMovedUnderTheRunFailsTheRevisionAndKeepsNothingOfIt(Database db)
      throws IOException {
    Path dir = Files.createTempDirectory("plinth-sql");
    Files.writeString(
        dir.resolve("1.sql"),
        "-- revision: aa01\n-- +upgrade\nCREATE TABLE first_t (id INTEGER);\n");
    Files.writeString(
        dir.resolve("2.sql"),
        String.join(
            "\n",
            "-- revision: bb02",
            "-- down_revision: aa01",
            "-- +upgrade",
            "INSERT INTO first_t (id) VALUES (1);",
            "UPDATE plinth_version SET version_num = 'zz99';",
            ""));

    assertThatThrownBy(() -> sqlMigrator(db, dir).upgrade("heads"))
        .isInstanceOf(RevisionFailedException.class)
        .hasMessageContaining("version table plinth_version no longer holds aa01")
        .hasMessageContaining("another migrator changed it");
    long rows = db.reader().call(tx -> tx.count("SELECT id FROM first_t"));
    assertThat(rows).isZero();
    List<String> versions =
        db.reader()
            .call(tx -> tx.query("SELECT version_num FROM plinth_version", r -> r.getString(1)));
    assertThat(versions).containsExactly("aa01");
    long successes =
        db.reader()
            .call(
                tx ->
                    tx.count(
                        "SELECT id FROM plinth_history WHERE revision = 'bb02' AND outcome ="
                            + " 'success'"));
    assertThat(successes).isZero();
  }

  @AllBackends(Backend.POSTGRESQL)
  void statementsSentWithTheirBookkeepingRecordTheVersionAndTheTimeTheyTook(Database db)
      throws IOException {
    Path dir = Files.createTempDirectory("plinth-sql");
    Files.writeString(
        dir.resolve("1.sql"),
        "-- revision: aa01\n-- +upgrade\nCREATE TABLE timed_t (id INTEGER);\n");
    Files.writeString(
        dir.resolve("2.sql"),
        String.join(
            "\n",
            "-- revision: bb02",
            "-- down_revision: aa01",
            "-- +upgrade",
            "INSERT INTO timed_t (id) VALUES (1);",
            "SELECT pg_sleep(0.3);",
            "INSERT INTO timed_t (id) VALUES (2);",
            ""));

    sqlMigrator(db, dir).upgrade("heads");

    long rows = db.reader().call(tx -> tx.count("SELECT id FROM timed_t"));
    assertThat(rows).isEqualTo(2);
    List<String> versions =
        db.reader()
            .call(tx -> tx.query("SELECT version_num FROM plinth_version", rs -> rs.getString(1)));
    assertThat(versions).containsExactly("bb02");
    List<String> history =
        db.reader()
            .call(
                tx ->
                    tx.query(
                        "SELECT revision, direction, outcome, checksum IS NOT NULL"
                            + " FROM plinth_history ORDER BY id",
                        rs ->
                            rs.getString(1)
                                + " "
                                + rs.getString(2)
                                + " "
                                + rs.getString(3)
                                + " "
                                + rs.getBoolean(4)));
    assertThat(history).containsExactly("aa01 upgrade success true", "bb02 upgrade success true");
    long slept =
        db.reader()
            .call(
                tx ->
                    tx.queryOne(
                            "SELECT duration_ms FROM plinth_history WHERE revision = 'bb02'",
                            rs -> rs.getLong(1))
                        .orElseThrow());
    assertThat(slept).as("the server's time of the statements counts").isGreaterThanOrEqualTo(300);
  }

  private static Migrator sqlMigrator(Database db, Path dir) {
    return Migrator.builder().database(db).locations("filesystem:" + dir).build();
  }
}
