package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionControlTest {

  private static List<String> absorbed(String backend, String sql) {
    return TransactionControl.absorb(
            StatementSplitter.forBackend(backend).split(sql, "f.sql", 1),
            SqlSyntax.forBackend(backend),
            "f.sql")
        .stream()
        .map(SqlStatement::sql)
        .toList();
  }

  @Test
  void sqliteDumpsOuterPairIsAbsorbed() {
    assertThat(
            absorbed(
                "sqlite",
                "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t(a);\nCOMMIT;\n"))
        .containsExactly("PRAGMA foreign_keys=OFF", "CREATE TABLE t(a)");
  }

  @Test
  void savepointsAndRollbackToSavepointStay() {
    assertThat(absorbed("postgresql", "SAVEPOINT s; ROLLBACK TO SAVEPOINT s; RELEASE s"))
        .containsExactly("SAVEPOINT s", "ROLLBACK TO SAVEPOINT s", "RELEASE s");
  }

  @Test
  void mysqlTableLocksAreLeftOutButNotPostgresOnes() {
    assertThat(absorbed("mysql", "LOCK TABLES t WRITE;\nINSERT INTO t VALUES (1);\nUNLOCK TABLES;"))
        .containsExactly("INSERT INTO t VALUES (1)");
    assertThat(absorbed("postgresql", "LOCK TABLE t")).containsExactly("LOCK TABLE t");
  }

  @Test
  void routineBodiesAreNoTransactionControl() {
    assertThat(absorbed("mysql", "CREATE PROCEDURE p() BEGIN COMMIT; END; BEGIN NOT ATOMIC END"))
        .hasSize(2);
  }

  @Test
  void everyOtherFormIsRefusedNamingFileAndLine() {
    for (String[] refused :
        new String[][] {
          {"mysql", "SET autocommit = 0"},
          {"mysql", "SET @@SESSION.autocommit=1"},
          {"mysql", "START TRANSACTION;\nSTART TRANSACTION"},
          {"postgresql", "BEGIN;\nCREATE TABLE t (a int)"},
          {"postgresql", "COMMIT"},
          {"postgresql", "BEGIN; COMMIT; BEGIN; COMMIT"},
          {"postgresql", "ABORT"},
          {"postgresql", "PREPARE TRANSACTION 'x'"},
          {"sqlite", "BEGIN; END; END TRANSACTION"},
          {"sqlite", "ROLLBACK"}
        }) {
      assertThatThrownBy(() -> absorbed(refused[0], refused[1]))
          .as(refused[1])
          .isInstanceOf(InvalidMigrationException.class)
          .hasMessageStartingWith("f.sql:")
          .hasMessageContaining("-- transactional: false");
    }
  }
}
