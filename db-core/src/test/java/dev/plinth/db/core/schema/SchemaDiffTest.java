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
  void anEnumReadBackAsAVarcharWithItsNamedCheckMatchesItsModel() {
    Table model =
        Table.builder("tickets")
            .column(Column.of("status", SqlType.enumeration("open", "closed")).notNull())
            .build();
    Table readBack =
        Table.builder("tickets")
            .column(Column.of("status", SqlType.varchar(6)).notNull())
            .check(
                new CheckConstraint(
                    "status_enum",
                    "((status)::text = ANY ((ARRAY['open'::character varying,"
                        + " 'closed'::character varying])::text[]))"))
            .build()
            .withEnumChecksAsTypes();

    assertThat(model.diff(readBack).differences()).isEmpty();
  }

  @Test
  void changedEnumValuesAreADifferenceOfTheirOwnKind() {
    Table model =
        Table.builder("tickets")
            .column(Column.of("status", SqlType.enumeration("open", "closed", "void")))
            .build();
    Table database =
        Table.builder("tickets")
            .column(Column.of("status", SqlType.enumeration("open", "closed")))
            .build();

    assertThat(model.diff(database).items())
        .containsExactly(
            new SchemaDifference(
                SchemaDifference.Kind.ENUM_VALUES,
                "tickets",
                "status",
                "[open, closed, void]",
                "[open, closed]"));
    assertThat(model.diff(database).differences())
        .containsExactly(
            "column tickets.status: enum values [open, closed, void] in models, [open, closed] in"
                + " database");
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
  void partialAndExpressionIndexesMatchWhatPostgresqlEchoes() {
    Table models =
        items()
            .column(Column.of("deleted", SqlType.integer()))
            .index(Index.of("ix_live", "name").where("deleted = 0"))
            .index(Index.of("ix_lower", Index.expression("lower(name)")))
            .index(Index.unique("ux_code", "(name || 'x')", "deleted").where("name != 'a'"))
            .build();
    Table database =
        items()
            .column(Column.of("deleted", SqlType.integer()))
            .index(new Index("ix_live", List.of("name"), false, "(deleted = 0)"))
            .index(Index.of("ix_lower", "(lower(name::text))"))
            .index(
                Index.unique("ux_code", "((name)::text || 'x'::text)", "deleted")
                    .where("name::text <> 'a'::text"))
            .build();

    assertThat(models.diff(database).differences()).isEmpty();
  }

  @Test
  void changedIndexKeysConditionsAndUniquenessAreReportedInWords() {
    Table.Builder base = items().column(Column.of("deleted", SqlType.integer()));
    Table models =
        base.index(Index.of("ix_live", "name").where("deleted = 0"))
            .index(Index.of("ix_lower", "(lower(name))"))
            .index(Index.unique("ux_live", "name").where("deleted = 0"))
            .build();
    Table database =
        items()
            .column(Column.of("deleted", SqlType.integer()))
            .index(Index.of("ix_live", "name"))
            .index(Index.of("ix_lower", "(upper(name))"))
            .index(Index.of("ux_live", "name").where("deleted = 0"))
            .build();

    assertThat(models.diff(database).differences())
        .containsExactly(
            "index items.ix_live: WHERE deleted = 0 in models, none in database",
            "index items.ix_lower: columns [(lower(name))] in models, [(upper(name))] in database",
            "index items.ux_live: unique in models, not unique in database");
    assertThat(models.diff(database).items())
        .extracting(SchemaDifference::kind)
        .containsExactly(Kind.INDEX_WHERE, Kind.INDEX_COLUMNS, Kind.INDEX_UNIQUE);
  }

  @Test
  void aPartialUniqueIndexIsNoUniqueKey() {
    Table models = items().index(Index.unique("ux_name", "name").where("name <> ''")).build();
    Table database = items().unique(UniqueConstraint.of("ux_name", "name")).build();

    assertThat(models.diff(database).differences())
        .containsExactly(
            "unique key items[name]: in database, not in models",
            "index items.ux_name: missing in database");
  }

  @Test
  void builderAcceptsExpressionKeysAndAnIndexKeepsItsConditionWhenCopied() {
    Index index = Index.of("ix_lower", Index.expression("lower(name)")).where(" deleted = 0 ");
    Table table = items().column(Column.of("deleted", SqlType.integer())).index(index).build();

    assertThat(table.indexes()).containsExactly(index);
    assertThat(index.columns()).containsExactly("(lower(name))");
    assertThat(index.columnNames()).isEmpty();
    assertThat(index.where()).isEqualTo("deleted = 0");
    assertThat(Index.expression("(a + 1)")).isEqualTo("(a + 1)");
    assertThat(Index.expression("(a) + (b)")).isEqualTo("((a) + (b))");
    assertThat(Index.of("ix", "a").where(" ").partial()).isFalse();
  }

  @Test
  void builderRefusesKeysOverUnknownColumns() {
    assertThatThrownBy(() -> items().index(Index.of("ix_qty", "qty")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index ix_qty of table items names unknown column qty");
  }
}
