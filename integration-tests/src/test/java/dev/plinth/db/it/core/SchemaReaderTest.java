package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.error.NoSuchTableException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.List;
import java.util.Map;

class SchemaReaderTest {

  static final Table OWNERS =
      Table.builder("owners")
          .column(Column.of("id", SqlType.integer()).withAutoIncrement())
          .column(Column.of("name", SqlType.varchar(64)).notNull())
          .primaryKey("id")
          .build();

  static final Table ITEMS =
      Table.builder("items")
          .column(Column.of("id", SqlType.integer()).withAutoIncrement())
          .column(Column.of("owner_id", SqlType.integer()).notNull())
          .column(Column.of("name", SqlType.varchar(64)).notNull())
          .column(Column.of("qty", SqlType.integer()).notNull().serverDefault("0"))
          .column(Column.of("big", SqlType.bigint()))
          .column(Column.of("small", SqlType.smallint()))
          .column(Column.of("price", SqlType.decimal(10, 2)).serverDefault("0.00"))
          .column(Column.of("ratio", SqlType.doubleType()))
          .column(Column.of("active", SqlType.bool()).notNull().serverDefault("false"))
          .column(Column.of("status", SqlType.varchar(16)).serverDefault("'new'"))
          .column(Column.of("note", SqlType.text()))
          .column(Column.of("born", SqlType.date()))
          .column(Column.of("created_at", SqlType.timestamp()).serverDefault("CURRENT_TIMESTAMP"))
          .column(Column.of("data", SqlType.blob()))
          .primaryKey("id")
          .unique(UniqueConstraint.of("uq_items0name", "name", "owner_id"))
          .index(Index.of("ix_items_qty", "qty"))
          .index(Index.unique("ux_items_status_big", "status", "big"))
          .foreignKey(
              ForeignKey.of("fk_items_owner", "owner_id", "owners", "id").onDelete("CASCADE"))
          .check(CheckConstraint.of("ck_items_qty", "qty >= 0"))
          .build();

  static final Table TAGS =
      Table.builder("tags")
          .column(Column.of("item_id", SqlType.integer()).notNull())
          .column(Column.of("tag", SqlType.varchar(32)).notNull())
          .primaryKey("item_id", "tag")
          .foreignKey(ForeignKey.of("fk_tags_item", "item_id", "items", "id").onDelete("CASCADE"))
          .build();

  static void create(Database db, Table... tables) {
    db.writer()
        .run(
            tx -> {
              DdlRenderer ddl = tx.dialect().ddl().forVersion(tx.dialect().serverVersion(tx));
              for (Table table : tables) {
                ddl.createTable(table).forEach(tx::update);
              }
            });
  }

  @AllBackends
  void tablesCreatedFromModelsReadBackEqualToTheModels(Database db) {
    create(db, OWNERS, ITEMS, TAGS);

    Schema models = Schema.of(List.of(OWNERS, ITEMS, TAGS));
    Schema database = db.schema().schema();

    assertThat(database.tables()).containsOnlyKeys("items", "owners", "tags");
    assertThat(models.diff(database).differences()).isEmpty();
    Table items = db.schema().table("items");
    assertThat(items.column("price").orElseThrow().type()).isEqualTo(SqlType.decimal(10, 2));
    assertThat(items.foreignKeys())
        .singleElement()
        .satisfies(fk -> assertThat(fk.onDelete()).isEqualTo("CASCADE"));
    assertThat(db.schema().table("tags").primaryKey()).containsExactly("item_id", "tag");
  }

  @AllBackends
  void readingInsideAWriterSeesItsOwnUncommittedTable(Database db) {
    Table seen =
        db.writer()
            .call(
                tx -> {
                  tx.dialect().ddl().createTable(OWNERS).forEach(tx::update);
                  return db.schema().read(tx, "owners");
                });

    assertThat(OWNERS.diff(seen).differences()).isEmpty();
  }

  @AllBackends
  void aDiffAgainstTheDatabaseNamesWhatDiffers(Database db) {
    create(db, OWNERS);
    Table widened =
        Table.builder("owners")
            .column(Column.of("id", SqlType.integer()).withAutoIncrement())
            .column(Column.of("name", SqlType.varchar(128)).notNull())
            .column(Column.of("email", SqlType.text()))
            .primaryKey("id")
            .build();

    assertThat(widened.diff(db.schema().table("owners")).differences())
        .containsExactly(
            "column owners.name: type VARCHAR(128) in models, VARCHAR(64) in database",
            "column owners.email: missing in database");
  }

  @AllBackends
  void handWrittenDdlReadsBackInTheModel(Database db) {
    Map<String, String> ddl =
        Map.of(
            "sqlite",
            "CREATE TABLE widgets (id BIGINT NOT NULL PRIMARY KEY, code VARCHAR(32) NOT NULL,"
                + " weight NUMERIC(8,3), flag BOOLEAN DEFAULT 1, made TIMESTAMP,"
                + " CONSTRAINT uq_widgets_code UNIQUE (code),"
                + " CONSTRAINT ck_widgets_id CHECK (id > 0))",
            "postgresql",
            "CREATE TABLE widgets (id int8 NOT NULL PRIMARY KEY, code character varying(32) NOT"
                + " NULL, weight numeric(8,3), flag bool DEFAULT true, made timestamp,"
                + " CONSTRAINT uq_widgets_code UNIQUE (code),"
                + " CONSTRAINT ck_widgets_id CHECK (id > 0))",
            "mysql",
            "CREATE TABLE widgets (id bigint(20) NOT NULL PRIMARY KEY, code varchar(32) NOT NULL,"
                + " weight decimal(8,3), flag tinyint(1) DEFAULT 1, made datetime,"
                + " CONSTRAINT uq_widgets_code UNIQUE (code),"
                + " CONSTRAINT ck_widgets_id CHECK (id > 0))");
    db.writer()
        .run(
            tx -> {
              tx.update(ddl.get(tx.dialect().name()));
              tx.update("CREATE INDEX ix_widgets_weight ON widgets (weight)");
            });

    Table expected =
        Table.builder("widgets")
            .column(Column.of("id", SqlType.bigint()).notNull())
            .column(Column.of("code", SqlType.varchar(32)).notNull())
            .column(Column.of("weight", SqlType.decimal(8, 3)))
            .column(Column.of("flag", SqlType.bool()).serverDefault("true"))
            .column(Column.of("made", SqlType.timestamp()))
            .primaryKey("id")
            .unique(UniqueConstraint.of("uq_widgets_code", "code"))
            .index(Index.of("ix_widgets_weight", "weight"))
            .check(CheckConstraint.of("ck_widgets_id", "id > 0"))
            .build();
    Table read = db.schema().table("widgets");

    assertThat(expected.diff(read).differences()).isEmpty();
    assertThat(read.uniqueConstraints())
        .extracting(UniqueConstraint::name)
        .containsExactly("uq_widgets_code");
    assertThat(read.indexes()).containsExactly(Index.of("ix_widgets_weight", "weight"));
    assertThat(read.column("flag").orElseThrow().type()).isEqualTo(SqlType.bool());
  }

  @AllBackends
  void partialAndExpressionIndexesReadBackEqualToTheModelsWhereTheBackendHasThem(Database db) {
    Index partialUnique = Index.unique("ux_live_items_name", "name").where("deleted = 0");
    Index expression = Index.of("ix_live_items_lower", Index.expression("lower(name)"), "deleted");
    Table live = liveItems(partialUnique, expression);
    if (db.dialect().name().equals("mysql")) {
      assertThatThrownBy(() -> create(db, live))
          .isInstanceOf(DbNotSupportedException.class)
          .hasMessageContaining("index ux_live_items_name of table live_items")
          .hasMessageContaining("MySQL and MariaDB have no partial indexes");
      return;
    }
    create(db, live);
    db.writer()
        .run(
            tx ->
                tx.update(
                    "CREATE INDEX ix_live_items_odd ON live_items ((id % 2), upper(name))"
                        + " WHERE name <> 'x' AND deleted = 0"));

    Table read = db.schema().table("live_items");
    Table expected =
        liveItems(
            partialUnique,
            expression,
            Index.of("ix_live_items_odd", "(id % 2)", "(upper(name))")
                .where("name <> 'x' AND deleted = 0"));

    assertThat(expected.diff(read).differences()).isEmpty();
    assertThat(read.uniqueConstraints()).isEmpty();
    assertThat(read.indexes())
        .extracting(Index::name, Index::partial, Index::hasExpressions)
        .containsExactly(
            tuple("ix_live_items_lower", false, true),
            tuple("ix_live_items_odd", true, true),
            tuple("ux_live_items_name", true, false));
  }

  private static Table liveItems(Index... indexes) {
    Table.Builder b =
        Table.builder("live_items")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("name", SqlType.varchar(64)).notNull())
            .column(Column.of("deleted", SqlType.integer()).notNull().serverDefault("0"))
            .primaryKey("id");
    List.of(indexes).forEach(b::index);
    return b.build();
  }

  @AllBackends
  void expressionIndexesReadBackAndMariadbRefusesThem(Database db) {
    boolean mariadb =
        db.dialect().name().equals("mysql")
            && db.reader()
                .call(tx -> tx.queryOne("SELECT VERSION()", rs -> rs.getString(1)))
                .orElseThrow()
                .contains("MariaDB");
    Table words =
        Table.builder("words")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("word", SqlType.varchar(64)).notNull())
            .primaryKey("id")
            .index(Index.of("ix_words_lower", Index.expression("lower(word)")))
            .build();
    if (mariadb) {
      assertThatThrownBy(() -> create(db, words))
          .isInstanceOf(DbNotSupportedException.class)
          .hasMessageContaining("index ix_words_lower of table words")
          .hasMessageContaining("MariaDB has no expression indexes");
      return;
    }
    create(db, words);
    assertThat(words.diff(db.schema().table("words")).differences()).isEmpty();
  }

  @AllBackends
  void collationsReadBackOnlyWhereTheyAreNotTheDefault(Database db) {
    Map<String, String> ddl =
        Map.of(
            "sqlite",
            "CREATE TABLE labels (a TEXT, b TEXT COLLATE BINARY,"
                + " c TEXT NOT NULL CHECK (c COLLATE RTRIM <> '') COLLATE NOCASE,"
                + " d TEXT DEFAULT 'x COLLATE y' COLLATE \"RTRIM\")",
            "postgresql",
            "CREATE TABLE labels (a text, b text COLLATE \"default\","
                + " c text NOT NULL COLLATE \"C\" CHECK (c COLLATE \"POSIX\" <> ''),"
                + " d text DEFAULT 'x' COLLATE \"POSIX\")",
            "mysql",
            "CREATE TABLE labels (a TEXT, b TEXT,"
                + " c TEXT NOT NULL COLLATE utf8mb4_bin CHECK (c COLLATE utf8mb4_unicode_ci <> ''),"
                + " d TEXT COLLATE utf8mb4_unicode_ci)");
    Map<String, List<String>> collations =
        Map.of(
            "sqlite", List.of("NOCASE", "RTRIM"),
            "postgresql", List.of("C", "POSIX"),
            "mysql", List.of("utf8mb4_bin", "utf8mb4_unicode_ci"));
    String backend = db.dialect().name();
    db.writer().run(tx -> tx.update(ddl.get(backend)));
    Table labels = db.schema().table("labels");

    assertThat(labels.columns())
        .extracting(Column::collation)
        .containsExactly(
            null, null, collations.get(backend).get(0), collations.get(backend).get(1));
    Table withoutCollations =
        Table.builder("labels")
            .column(Column.of("a", SqlType.text()))
            .column(Column.of("b", SqlType.text()))
            .column(Column.of("c", SqlType.text()).notNull())
            .column(Column.of("d", SqlType.text()))
            .build();
    assertThat(withoutCollations.diff(labels).differences())
        .filteredOn(line -> line.contains("collation"))
        .containsExactly(
            "column labels.c: collation none in models, "
                + collations.get(backend).get(0)
                + " in database",
            "column labels.d: collation none in models, "
                + collations.get(backend).get(1)
                + " in database");
  }

  @AllBackends(Backend.MYSQL)
  void tableCollationReadsBackOnEveryTextColumnOnMysql(Database db) {
    db.writer()
        .run(
            tx ->
                tx.update(
                    "CREATE TABLE labels (a TEXT, b INT, c TEXT COLLATE utf8mb4_unicode_ci)"
                        + " COLLATE utf8mb4_bin"));

    assertThat(db.schema().table("labels").columns())
        .extracting(Column::collation)
        .containsExactly("utf8mb4_bin", null, "utf8mb4_unicode_ci");
  }

  @AllBackends
  void cacheReturnsTheSameTableUntilDdlRunsThroughTheTransaction(Database db) {
    create(db, OWNERS);
    Table first = db.schema().table("owners");

    db.writer().run(tx -> tx.update("INSERT INTO owners (name) VALUES (?)", "ann"));
    assertThat(db.schema().table("owners")).isSameAs(first);

    db.writer()
        .run(tx -> tx.update("/* widen */ ALTER TABLE owners ADD COLUMN email VARCHAR(100)"));
    Table second = db.schema().table("owners");

    assertThat(second).isNotSameAs(first);
    assertThat(second.column("email")).isPresent();
    assertThat(db.schema().table("owners")).isSameAs(second);
  }

  @AllBackends
  void explicitInvalidationDropsOneTable(Database db) {
    create(db, OWNERS);
    Table first = db.schema().table("owners");

    db.schema().invalidate("OWNERS");

    assertThat(db.schema().table("owners")).isNotSameAs(first).isEqualTo(first);
  }

  @AllBackends
  void unknownTableIsNoSuchTable(Database db) {
    assertThatThrownBy(() -> db.schema().table("nope"))
        .isInstanceOfSatisfying(
            NoSuchTableException.class, e -> assertThat(e.table()).isEqualTo("nope"))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> db.reader().call(tx -> db.schema().read(tx, "nope")))
        .isInstanceOf(NoSuchTableException.class);
  }
}
