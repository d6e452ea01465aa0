package dev.plinth.db.it.migrate.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionFailedException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a SQL revision's own transaction control and client commands do. */
class ScriptTransactionControlTest {

  @AllBackends
  void aRevisionWithItsOwnCommitIsRefusedAndLeavesNothingBehind(Database db) throws IOException {
    Path file = revision("CREATE TABLE t1 (id INTEGER);\nCOMMIT;\nCREATE TABLE t2 (id INTEGER);\n");

    assertThatThrownBy(() -> migrator(db, file).upgrade("heads"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining(file + ":5: 'COMMIT' controls the transaction")
        .hasMessageContaining("-- transactional: false");
    assertThat(tables(db)).doesNotContain("t1", "t2");
  }

  @AllBackends({Backend.SQLITE, Backend.POSTGRESQL})
  void anAbsorbedBeginCommitPairRollsBackWithTheRevisionOnTransactionalDdlBackends(Database db)
      throws IOException {
    Path file =
        revision(
            "BEGIN;\nCREATE TABLE t1 (id INTEGER);\nCOMMIT;\n"
                + "CREATE TABLE t2 (id INTEGER);\nINSERT INTO missing VALUES (1);\n");

    assertThatThrownBy(() -> migrator(db, file).upgrade("heads"))
        .isInstanceOf(RevisionFailedException.class)
        .hasMessageContaining("Nothing of it was kept");
    assertThat(tables(db)).doesNotContain("t1", "t2");
  }

  @AllBackends
  void aRollbackInsideATransactionalRevisionIsRefusedBeforeAnythingRuns(Database db)
      throws IOException {
    Path file = revision("CREATE TABLE t1 (id INTEGER);\nROLLBACK;\n");

    assertThatThrownBy(() -> migrator(db, file).upgrade("heads"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining(file + ":5: 'ROLLBACK' controls the transaction")
        .hasMessageContaining("-- transactional: false");
    assertThat(tables(db)).doesNotContain("t1");
  }

  @AllBackends
  void theOuterBeginCommitPairIsAbsorbedAndRowsAreDropped(Database db) throws IOException {
    Path file =
        revision(
            "SELECT 1;\nBEGIN TRANSACTION;\nCREATE TABLE t1 (id INTEGER);\n"
                + "INSERT INTO t1 VALUES (1);\nSELECT id FROM t1;\nCOMMIT;\n");

    migrator(db, file).upgrade("heads");

    long rows = db.reader().call(tx -> tx.count("SELECT id FROM t1"));
    assertThat(rows).isEqualTo(1);
  }

  @AllBackends
  void aNonTransactionalRevisionRunsItsOwnTransactionsAsItsClientWould(Database db)
      throws IOException {
    Path file =
        revision(
            "BEGIN;\nCREATE TABLE t1 (id INTEGER);\nINSERT INTO t1 VALUES (1);\nCOMMIT;\n"
                + "BEGIN;\nINSERT INTO t1 VALUES (2);\nROLLBACK;\n",
            "-- transactional: false\n");

    migrator(db, file).upgrade("heads");

    List<Integer> ids =
        db.reader().call(tx -> tx.query("SELECT id FROM t1 ORDER BY id", rs -> rs.getInt(1)));
    assertThat(ids).containsExactly(1);
  }

  @AllBackends(Backend.POSTGRESQL)
  void psqlMetaCommandsAreRefusedNamingTheLineOnPostgres(Database db) throws IOException {
    Path file = revision("CREATE TABLE t1 (id INTEGER);\n\\connect other\n");

    assertThatThrownBy(() -> migrator(db, file).upgrade("heads"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining(file + ":5: psql meta-command '\\connect other'");
    assertThat(tables(db)).doesNotContain("t1");
  }

  private static Path revision(String upgrade) throws IOException {
    return revision(upgrade, "");
  }

  private static Path revision(String upgrade, String header) throws IOException {
    Path dir = Files.createTempDirectory("plinth-tx-control");
    Path file = dir.resolve("own.sql");
    Files.writeString(file, "-- revision: own01\n" + header + "\n-- +upgrade\n" + upgrade);
    return file;
  }

  private static Migrator migrator(Database db, Path file) {
    return Migrator.builder().database(db).locations("filesystem:" + file.getParent()).build();
  }

  private static List<String> tables(Database db) {
    return db.reader().call(tx -> db.schema().tableNames(tx));
  }
}
