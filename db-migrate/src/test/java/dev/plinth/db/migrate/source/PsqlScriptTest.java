package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What psql reads besides SQL: COPY data blocks and backslash meta-commands. */
class PsqlScriptTest {
  private static final StatementSplitter PG = StatementSplitter.forBackend("postgresql");

  @Test
  void copyFromStdinCarriesItsTextDataBlockUpToTheEndLine() {
    List<SqlStatement> statements =
        PG.split(
            "COPY public.t (a, b) FROM stdin;\n1\tx; y\n2\t\\N\n\\.\nSELECT 1;\n", "f.sql", 10);
    assertThat(statements)
        .containsExactly(
            new SqlStatement(
                "COPY public.t (a, b) FROM stdin", 10, Optional.of("1\tx; y\n2\t\\N\n")),
            new SqlStatement("SELECT 1", 14));
  }

  @Test
  void copyFromStdinInCsvKeepsQuotedSemicolonsAndLinesInItsData() {
    String data = "1,\"a;\nb\"\n2,'c'\n";
    List<SqlStatement> statements =
        PG.split("COPY t FROM STDIN WITH (FORMAT csv);\n" + data + "\\.\n");
    assertThat(statements.get(0).dataBlock()).contains(data);
    assertThat(statements).hasSize(1);
  }

  @Test
  void copyToStdoutAndOtherBackendsHaveNoDataBlock() {
    assertThat(PG.split("COPY t TO stdout; SELECT 1").get(0).dataBlock()).isEmpty();
    assertThat(StatementSplitter.forBackend("mysql").split("COPY t FROM stdin; SELECT 1"))
        .hasSize(2);
  }

  @Test
  void copyDataWithoutItsEndLineIsReportedWithTheStatementsLine() {
    assertThatThrownBy(() -> PG.split("SELECT 1;\nCOPY t FROM stdin;\n1\n", "f.sql", 1))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessage("f.sql:3: the data of the COPY statement on line 2 has no end line '\\.'");
  }

  @Test
  void restrictLinesAreSkippedAndOtherMetaCommandsRefusedNamingTheLine() {
    assertThat(PG.split("\\restrict abc\nSELECT 1;\n\\unrestrict abc\n"))
        .containsExactly(new SqlStatement("SELECT 1", 2));
    assertThatThrownBy(() -> PG.split("SELECT 1;\n\n\\connect other\n", "f.sql", 5))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageStartingWith("f.sql:7: psql meta-command '\\connect other' cannot run");
  }

  @Test
  void lineNumbersStayRightOverManyStatements() {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sql.append("SELECT ").append(i).append(";\n\n");
    }
    List<SqlStatement> statements = PG.split(sql.toString(), "f.sql", 3);
    assertThat(statements.get(4999)).isEqualTo(new SqlStatement("SELECT 4999", 3 + 2 * 4999));
  }
}
