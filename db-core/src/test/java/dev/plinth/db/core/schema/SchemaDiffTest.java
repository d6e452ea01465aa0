package dev.plinth.db.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.schema.SchemaDifference.Kind;
import dev.plinth.db.core.schema.SchemaDifference.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

  private static Table.Builder items() {
    return Table.builder("items")
        .column(Column.of("id", SqlType.integer()).withAutoIncrement())
        .column(Column.of("name", SqlType.varchar(64)).notNull())
        .primaryKey("id");
  }

  @Test
  void tablesThatMatchAfterNormalisationHaveNoDifferences() {
    Table models =
        items()
            .column(Column.of("qty", SqlType.integer()).notNull().serverDefault("0"))
            .column(Column.of("status", SqlType.varchar(16)).serverDefault("'new'"))
            .column(Column.of("active", SqlType.bool()).serverDefault("false"))
            .column(Column.of("created", SqlType.timestamp()).serverDefault("CURRENT_TIMESTAMP"))
            .check(CheckConstraint.of("ck_qty", "qty >= 0"))
            .unique(UniqueConstraint.of("uq_name", "name"))
            .build();
    Table database =
        items()
            .column(Column.of("qty", SqlType.parse("int4")).notNull().serverDefault("'0'::integer"))
            .column(
                Column.of("status", SqlType.parse("character varying(16)"))
                    .serverDefault("'new'::character varying"))
            .column(Column.of("active", SqlType.parse("tinyint(1)")).serverDefault("0"))
            .column(
                Column.of("created", SqlType.parse("datetime"))
                    .serverDefault("current_timestamp()"))
            .check(CheckConstraint.of("ck_qty", "(`qty` >= 0)"))
            .index(Index.unique("uq_name", "name"))
            .build();

    assertThat(models.diff(database).differences()).isEmpty();
  }

  @Test
  void columnDifferencesAreReportedInWords() {
    Table models =
        items()
            .column(Column.of("qty", SqlType.bigint()).notNull().serverDefault("1"))
            .column(Column.of("gone", SqlType.text()))
            .build();
    Table database =
        items()
            .column(Column.of("qty", SqlType.integer()))
            .column(Column.of("extra", SqlType.text()))
            .build();

    assertThat(models.diff(database).differences())
        .containsExactly(
            "column items.qty: type BIGINT in models, INTEGER in database",
            "column items.qty: NOT NULL in models, nullable in database",
            "column items.qty: default 1 in models, none in database",
            "column items.gone: missing in database",
            "column items.extra: in database, not in models");
  }

  @Test
  void constraintAndIndexDifferencesAreReportedInWords() {
    Table models =
        items()
            .column(Column.of("owner_id", SqlType.integer()))
            .foreignKey(ForeignKey.of("fk_owner", "owner_id", "owners", "id").onDelete("CASCADE"))
            .index(Index.of("ix_name", "name"))
            .check(CheckConstraint.of("ck_name", "name <> ''"))
            .build();
    Table database =
        items()
            .column(Column.of("owner_id", SqlType.integer()))
            .foreignKey(ForeignKey.of("fk_owner", "owner_id", "owners", "id").onDelete("RESTRICT"))
            .unique(UniqueConstraint.of("uq_name", "name"))
            .build();

    assertThat(models.diff(database).differences())
        .containsExactly(
            "unique key items[name]: in database, not in models",
            "index items.ix_name: missing in database",
            "foreign key items[owner_id] -> owners[id]: ON DELETE CASCADE in models, none in database",
            "check items.ck_name: missing in database");
  }

  @Test
  void collationsAreComparedWithoutRegardToCaseAndNoneIsTheDefault() {
    Table models =
        items()
            .column(Column.of("code", SqlType.text()).collation("NOCASE"))
            .column(Column.of("label", SqlType.text()).collation("C"))
            .column(Column.of("note", SqlType.text()))
            .build();
    Table database =
        items()
            .column(Column.of("code", SqlType.text()).collation("nocase"))
            .column(Column.of("label", SqlType.text()))
            .column(Column.of("note", SqlType.text()).collation("utf8mb4_bin"))
            .build();

    assertThat(models.diff(database).differences())
        .containsExactly(
            "column items.label: collation C in models, none in database",
            "column items.note: collation none in models, utf8mb4_bin in database");
  }

  @Test
  void aNewTypeKeepsTheCollationOnlyWhereItHoldsText() {
    Column code = Column.of("code", SqlType.varchar(10)).collation("C").notNull();

    assertThat(code.type(SqlType.text()).collation()).isEqualTo("C");
    assertThat(code.type(SqlType.parse("citext")).collation()).isEqualTo("C");
    assertThat(code.type(SqlType.integer()).collation()).isNull();
    assertThat(code.named("label").allowNull().serverDefault("'x'").collation()).isEqualTo("C");
  }

  @Test
  void schemaDiffNamesTablesMissingOnEitherSide() {
    Schema models = Schema.of(List.of(items().build()));
    Schema database =
        Schema.of(List.of(Table.builder("other").column(Column.of("x", SqlType.text())).build()));

    assertThat(models.diff(database).differences())
        .containsExactly(
            "table items: missing in database", "table other: in database, not in models");
  }

  @Test
  void differencesAreTypedWithKindTableObjectAndBothValues() {
    Table models =
        items()
            .column(Column.of("qty", SqlType.bigint()).notNull())
            .index(Index.of("ix_name", "name"))
            .foreignKey(ForeignKey.of("fk_owner", "name", "owners", "name"))
            .build();
    Table database =
        Table.builder("items")
            .column(Column.of("id", SqlType.integer()).withAutoIncrement())
            .column(Column.of("name", SqlType.varchar(64)).notNull())
            .column(Column.of("qty", SqlType.integer()).notNull())
            .unique(UniqueConstraint.of(null, "qty"))
            .build();

    assertThat(models.diff(database).items())
        .containsExactly(
            new SchemaDifference(Kind.TYPE, "items", "qty", "BIGINT", "INTEGER"),
            new SchemaDifference(Kind.PRIMARY_KEY, "items", null, "[id]", "[]"),
            new SchemaDifference(Kind.EXTRA_UNIQUE, "items", "[qty]", null, null),
            new SchemaDifference(Kind.MISSING_INDEX, "items", "ix_name", null, null),
            new SchemaDifference(
                Kind.MISSING_FOREIGN_KEY, "items", "[name] -> owners[name]", null, null));
    assertThat(models.diff(database).differences())
        .containsExactly(
            "column items.qty: type BIGINT in models, INTEGER in database",
            "primary key of items [id] in models, [] in database",
            "unique key items[qty]: in database, not in models",
            "index items.ix_name: missing in database",
            "foreign key items[name] -> owners[name]: missing in database");
  }

  @Test
  void acceptedDifferencesAreFilteredOnTheTypedForm() {
    Table models = items().column(Column.of("qty", SqlType.bigint())).build();
    Table database =
        items()
            .column(Column.of("qty", SqlType.integer()).notNull())
            .index(Index.of("ix_qty", "qty"))
            .build();
    SchemaDiff diff = models.diff(database);

    SchemaDiff left =
        diff.without(d -> d.kind() == Kind.TYPE && d.object().equals("qty"))
            .without(d -> d.kind().subject() == Subject.INDEX);

    assertThat(diff.items()).hasSize(3);
    assertThat(left.differences())
        .containsExactly("column items.qty: nullable in models, NOT NULL in database");
    assertThat(left.items().get(0).kind().isMissing()).isFalse();
    assertThat(diff.without(d -> true).isEmpty()).isTrue();
  }

  @Test
  void aDifferenceDescribesItsSidesByTheNamesGiven() {
    SchemaDifference type = new SchemaDifference(Kind.TYPE, "items", "qty", "INTEGER", "BIGINT");
    SchemaDifference extra = new SchemaDifference(Kind.EXTRA_COLUMN, "items", "note", null, null);
    SchemaDifference missing = new SchemaDifference(Kind.MISSING_TABLE, "tags", null, null, null);

    assertThat(type.describe("sqlite", "postgresql"))
        .isEqualTo("column items.qty: type INTEGER in sqlite, BIGINT in postgresql");
    assertThat(extra.describe("schema before", "schema after downgrade"))
        .isEqualTo("column items.note: in schema after downgrade, not in schema before");
    assertThat(missing.describe("a", "b")).isEqualTo("table tags: missing in b");
    assertThat(extra.kind().isExtra()).isTrue();
  }

  @Test
  void checksMatchAcrossTheCastsPostgresqlAddsToLiterals() {
    Table models =
        items()
            .check(CheckConstraint.of("ck_weight", "weight >= 0.5"))
            .check(CheckConstraint.of("ck_code", "code <> 'x'"))
            .check(CheckConstraint.of("ck_qty", "qty > 0"))
            .build();
    Table database =
        items()
            .check(CheckConstraint.of("ck_weight", "(weight >= (0.5)::numeric)"))
            .check(CheckConstraint.of("ck_code", "((code)::text <> 'x'::character varying(8))"))
            .check(CheckConstraint.of("ck_qty", "(qty > 1)"))
            .build();

    assertThat(models.diff(database).differences())
        .containsExactly("check items.ck_qty: expression qty > 0 in models, qty > 1 in database");
  }

  @Test
  void builderRefusesKeysOverUnknownColumns() {
    assertThatThrownBy(() -> items().index(Index.of("ix_qty", "qty")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index ix_qty of table items names unknown column qty");
  }
}
