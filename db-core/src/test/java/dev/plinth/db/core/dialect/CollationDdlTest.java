package dev.plinth.db.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import org.junit.jupiter.api.Test;

class CollationDdlTest {

  private static DdlRenderer ddl(String backend) {
    return Dialects.forName(backend).ddl();
  }

  private static Column name(String collation) {
    return Column.of("name", SqlType.varchar(50)).notNull().collation(collation);
  }

  private static Table people(String collation) {
    return Table.builder("people")
        .column(Column.of("id", SqlType.integer()).notNull())
        .column(name(collation))
        .primaryKey("id")
        .build();
  }

  @Test
  void createTableNamesTheCollationRightAfterTheType() {
    assertThat(ddl("sqlite").createTable(people("NOCASE")).get(0))
        .contains("\"name\" VARCHAR(50) COLLATE NOCASE NOT NULL");
    assertThat(ddl("postgresql").createTable(people("C")).get(0))
        .contains("\"name\" VARCHAR(50) COLLATE \"C\" NOT NULL");
    assertThat(ddl("mysql").createTable(people("utf8mb4_bin")).get(0))
        .contains("`name` VARCHAR(50) COLLATE utf8mb4_bin NOT NULL");
    assertThat(ddl("postgresql").createTable(people(null)).get(0))
        .contains("\"name\" VARCHAR(50) NOT NULL")
        .doesNotContain("COLLATE");
  }

  @Test
  void addColumnNamesTheCollation() {
    assertThat(ddl("postgresql").addColumn("people", name("en_US")))
        .isEqualTo(
            "ALTER TABLE \"people\" ADD COLUMN \"name\" VARCHAR(50) COLLATE \"en_US\" NOT NULL");
    assertThat(ddl("sqlite").addColumn("people", name("NOCASE").serverDefault("''")))
        .isEqualTo(
            "ALTER TABLE \"people\" ADD COLUMN \"name\" VARCHAR(50) COLLATE NOCASE"
                + " NOT NULL DEFAULT ''");
  }

  /** SQLite adds such columns only to an empty table; a batch rebuilds the table instead. */
  @Test
  void sqliteAddColumnRefusesWhatOnlyAnEmptyTableTakes() {
    assertThatThrownBy(() -> ddl("sqlite").addColumn("people", name("NOCASE")))
        .isInstanceOf(DbNotSupportedException.class)
        .hasMessageContaining("NOT NULL without a default");
    assertThatThrownBy(
            () ->
                ddl("sqlite")
                    .addColumn("people", name(null).allowNull().serverDefault("CURRENT_TIMESTAMP")))
        .isInstanceOf(DbNotSupportedException.class)
        .hasMessageContaining("non-literal default CURRENT_TIMESTAMP");
  }

  @Test
  void postgresTypeChangeKeepsTheCollationAndACollationChangeAltersTheType() {
    Column from = name("C");
    String alter = "ALTER TABLE \"people\" ALTER COLUMN \"name\" ";

    assertThat(ddl("postgresql").alterColumn("people", from, from.type(SqlType.varchar(100))))
        .containsExactly(alter + "TYPE VARCHAR(100) COLLATE \"C\" USING \"name\"::VARCHAR(100)");
    assertThat(ddl("postgresql").alterColumn("people", from, from.collation("POSIX")))
        .containsExactly(alter + "TYPE VARCHAR(50) COLLATE \"POSIX\" USING \"name\"::VARCHAR(50)");
    assertThat(ddl("postgresql").alterColumn("people", from, from.collation(null)))
        .containsExactly(alter + "TYPE VARCHAR(50) USING \"name\"::VARCHAR(50)");
    assertThat(ddl("postgresql").alterColumn("people", from, from.allowNull()))
        .containsExactly(alter + "DROP NOT NULL");
  }

  @Test
  void mysqlChangeColumnCarriesTheCollation() {
    Column from = name("utf8mb4_bin");

    assertThat(ddl("mysql").alterColumn("people", from, from.type(SqlType.text())))
        .containsExactly(
            "ALTER TABLE `people` CHANGE COLUMN `name` `name` LONGTEXT COLLATE utf8mb4_bin NOT"
                + " NULL");
  }

  @Test
  void sqliteChangesACollationOnlyByRebuilding() {
    Column from = name(null);

    assertThatThrownBy(() -> ddl("sqlite").alterColumn("people", from, from.collation("NOCASE")))
        .isInstanceOf(DbNotSupportedException.class)
        .hasMessageContaining("collation of column people.name")
        .hasMessageContaining("batchAlterTable");
  }

  @Test
  void unquotedCollationNamesMustBePlainWords() {
    assertThatThrownBy(() -> ddl("mysql").addColumn("people", name("utf8mb4_bin; DROP TABLE x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("utf8mb4_bin; DROP TABLE x");
    assertThatThrownBy(() -> ddl("postgresql").addColumn("people", name("a\"b")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
