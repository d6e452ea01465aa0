package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.Direction;
import dev.plinth.db.migrate.runner.OfflineContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlMigrationTest {

  private static final String FULL =
      String.join(
          "\n",
          "-- revision: 3f2a9c1b7d4e",
          "-- down_revision: 1a2b3c4d5e6f, 9e8d7c6b5a4f",
          "-- branch_labels: stable",
          "-- depends_on: abc123",
          "-- phase: expand",
          "-- message: add items; with a colon: yes",
          "",
          "-- +upgrade",
          "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);",
          "INSERT INTO items (name) VALUES ('a;b');",
          "-- +upgrade postgresql",
          "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT);",
          "-- +downgrade",
          "DROP TABLE items;");

  @Test
  void readsEveryHeaderKey() {
    RevisionInfo info = SqlMigration.parse("db/V1.sql", FULL).info();
    assertThat(info.id()).isEqualTo("3f2a9c1b7d4e");
    assertThat(info.downRevisions()).containsExactly("1a2b3c4d5e6f", "9e8d7c6b5a4f");
    assertThat(info.isMerge()).isTrue();
    assertThat(info.branchLabels()).containsExactly("stable");
    assertThat(info.dependsOn()).containsExactly("abc123");
    assertThat(info.phase()).contains(Phase.EXPAND);
    assertThat(info.message()).isEqualTo("add items; with a colon: yes");
    assertThat(info.origin()).isEqualTo("db/V1.sql");
    assertThat(info.transactional()).isTrue();
  }

  @Test
  void minimalBaseRevision() {
    SqlMigration m = SqlMigration.parse("b.sql", "-- revision: base1\n-- +upgrade\nSELECT 1;\n");
    assertThat(m.info().isBase()).isTrue();
    assertThat(m.info().phase()).isEmpty();
    assertThat(m.info().message()).isEmpty();
    assertThat(m.hasDowngrade()).isFalse();
    assertThat(m.upgradeStatements("sqlite")).containsExactly(new SqlStatement("SELECT 1", 3));
  }

  @Test
  void commentsAndBlankLinesMayStandInTheHeaderAndTransactionalIsRead() {
    String text =
        "\n-- Adds the index online, outside a transaction.\n-- revision: idx1\n"
            + "-- down_revision:\n-- transactional: false\n-- +upgrade postgresql\n"
            + "CREATE INDEX CONCURRENTLY i ON t (x);\n";
    RevisionInfo info = SqlMigration.parse("i.sql", text).info();
    assertThat(info.transactional()).isFalse();
    assertThat(info.isBase()).isTrue();
  }

  @Test
  void backendSectionReplacesTheGenericOne() {
    SqlMigration m = SqlMigration.parse("db/V1.sql", FULL);
    assertThat(m.upgradeStatements("postgresql"))
        .containsExactly(
            new SqlStatement("CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT)", 12));
    assertThat(m.upgradeStatements("sqlite")).extracting(SqlStatement::line).containsExactly(9, 10);
    assertThat(m.upgradeStatements("mysql")).hasSize(2);
    assertThat(m.downgradeStatements("mysql"))
        .containsExactly(new SqlStatement("DROP TABLE items", 14));
  }

  @Test
  void onlyBackendSectionsAndNoneForTheRunningBackendFailsNamingFileAndBackend() {
    SqlMigration m =
        SqlMigration.parse(
            "pg_only.sql", "-- revision: r1\n-- +upgrade postgresql\nSELECT 1;\n-- +downgrade\n");
    assertThat(m.upgradeStatements("postgresql")).hasSize(1);
    assertThatThrownBy(() -> m.upgradeStatements("sqlite"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining("pg_only.sql")
        .hasMessageContaining("backend sqlite");
    assertThat(m.downgradeStatements("sqlite")).isEmpty();
  }

  @Test
  void withoutDowngradeSectionDowngradeIsRefused() {
    SqlMigration m = SqlMigration.parse("up.sql", "-- revision: r1\n-- +upgrade\nSELECT 1;\n");
    assertThatThrownBy(() -> m.downgrade(recording("sqlite")))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("up.sql")
        .hasMessageContaining("no '-- +downgrade' section");
  }

  @Test
  void upgradeAndDowngradeExecuteTheStatementsOfTheContextsBackend() {
    SqlMigration m = SqlMigration.parse("db/V1.sql", FULL);
    OfflineContext sqlite = recording("sqlite");
    m.upgrade(sqlite);
    assertThat(sqlite.statements())
        .containsExactly(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)",
            "INSERT INTO items (name) VALUES ('a;b')");
    OfflineContext pg = recording("postgresql");
    m.upgrade(pg);
    m.downgrade(pg);
    assertThat(pg.statements())
        .containsExactly(
            "CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT)", "DROP TABLE items");
  }

  @Test
  void splitErrorsNameTheFileLine() {
    SqlMigration m =
        SqlMigration.parse("bad.sql", "-- revision: r1\n-- +upgrade\nSELECT 1;\nSELECT 'x;\n");
    assertThatThrownBy(() -> m.upgradeStatements("sqlite"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessage("bad.sql:4: unterminated string");
  }

  @Test
  void identityComesFromTheHeaderAndChecksumIsV1() {
    SqlMigration m = SqlMigration.parse("V999__misleading_name.sql", FULL);
    assertThat(m.info().id()).isEqualTo("3f2a9c1b7d4e");
    assertThat(m.checksum()).hasValueSatisfying(c -> assertThat(c).matches("v1:[0-9a-f]{64}"));
    assertThat(m.checksum()).contains(ScriptChecksum.of(FULL));
  }

  @Test
  void bomAndCrlfAreAccepted() {
    SqlMigration m =
        SqlMigration.parse(
            "w.sql", "\uFEFF-- revision: r1\r\n-- +upgrade\r\nSELECT 1;\r\nSELECT 2;");
    assertThat(m.info().id()).isEqualTo("r1");
    assertThat(m.upgradeStatements("mysql"))
        .containsExactly(new SqlStatement("SELECT 1", 3), new SqlStatement("SELECT 2", 4));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing revision        | -- message: x\\n-- +upgrade\\nSELECT 1;                       | 1 | no '-- revision: <id>' line
          empty revision          | -- message: x\\n-- revision:\\n-- +upgrade\\n                 | 2 | no '-- revision: <id>' line
          bad revision id         | -- revision: a-b\\n-- +upgrade\\n                               | 1 | revision id 'a-b'
          unknown key             | -- revision: r\\n-- author: me\\n-- +upgrade\\n                 | 2 | unknown header key 'author'
          duplicate key           | -- revision: r\\n-- phase: expand\\n-- phase: contract\\n-- +upgrade\\n | 3 | duplicate header key 'phase' (first on line 2)
          bad phase               | -- revision: r\\n-- phase: later\\n-- +upgrade\\n               | 2 | unknown phase 'later'
          bad transactional       | -- revision: r\\n-- transactional: maybe\\n-- +upgrade\\n       | 2 | transactional must be true or false
          no sections             | -- revision: r\\n-- message: m\\n                              | 3 | no '-- +upgrade' section
          only downgrade          | -- revision: r\\n-- +downgrade\\nDROP TABLE t;                  | 2 | no '-- +upgrade' section
          text before header      | CREATE TABLE t (x);\\n-- revision: r\\n-- +upgrade\\n            | 1 | text outside a section
          text inside header      | -- revision: r\\nSELECT 1;\\n-- +upgrade\\n                      | 2 | text outside a section
          unknown marker          | -- revision: r\\n-- +upgrade\\nSELECT 1;\\n-- +upgarde\\n         | 4 | unknown section marker '-- +upgarde'
          unknown backend         | -- revision: r\\n-- +upgrade oracle\\nSELECT 1;                  | 2 | unknown backend 'oracle'
          two backends on marker  | -- revision: r\\n-- +upgrade mysql sqlite\\nSELECT 1;            | 2 | unknown backend 'mysql sqlite'
          duplicate section       | -- revision: r\\n-- +upgrade\\nSELECT 1;\\n-- +upgrade\\nSELECT 2; | 4 | duplicate '-- +upgrade' section (first on line 2)
          duplicate backend section | -- revision: r\\n-- +upgrade mysql\\n-- +downgrade\\n-- +upgrade mysql\\n | 4 | duplicate '-- +upgrade mysql' section (first on line 2)
          empty list entry        | -- revision: r\\n-- down_revision: a,,b\\n-- +upgrade\\n          | 2 | bad down_revision entry ''
          repeated list entry     | -- revision: r\\n-- depends_on: a, a\\n-- +upgrade\\n             | 2 | depends_on lists 'a' twice
          """)
  void badFilesNameFileAndLine(String name, String text, int line, String message) {
    String content = text.strip().replace("\\n", "\n");
    assertThatThrownBy(() -> SqlMigration.parse("dir/bad.sql", content))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageStartingWith("dir/bad.sql:" + line + ": ")
        .hasMessageContaining(message);
  }

  /**
   * A context that records the statements it is given for {@code backend}, as {@code --sql} does.
   */
  static OfflineContext recording(String backend) {
    RevisionInfo info =
        new RevisionInfo("r", List.of(), List.of(), List.of(), Optional.empty(), "", "test", true);
    return new OfflineContext(info, Dialects.forName(backend));
  }

  @Test
  void phaseContractIsRead() {
    String text = "-- revision: r\n-- phase: Contract\n-- +upgrade\n";
    assertThat(SqlMigration.parse("c.sql", text).info().phase())
        .isEqualTo(Optional.of(Phase.CONTRACT));
  }

  @Test
  void checkRefusesTransactionControlNamingTheLineAndTheRunUsesTheCheckedStatements() {
    SqlMigration refused =
        SqlMigration.parse("c.sql", "-- revision: r\n-- +upgrade\nSELECT 1;\nCOMMIT;\n");
    assertThatThrownBy(() -> refused.check(Direction.UPGRADE, "postgresql"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageStartingWith("c.sql:4: 'COMMIT' controls the transaction");

    SqlMigration dump =
        SqlMigration.parse("d.sql", "-- revision: r\n-- +upgrade\nBEGIN;\nSELECT 1;\nCOMMIT;\n");
    dump.check(Direction.UPGRADE, "sqlite");
    OfflineContext ctx = recording("sqlite");
    dump.upgrade(ctx);
    assertThat(ctx.statements()).containsExactly("SELECT 1");
  }

  @Test
  void checkLeavesAMissingDowngradeToTheRun() {
    SqlMigration m = SqlMigration.parse("up.sql", "-- revision: r1\n-- +upgrade\nSELECT 1;\n");
    m.check(Direction.DOWNGRADE, "sqlite");
    assertThatThrownBy(() -> m.downgrade(recording("sqlite")))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("cannot be downgraded");
  }
}
