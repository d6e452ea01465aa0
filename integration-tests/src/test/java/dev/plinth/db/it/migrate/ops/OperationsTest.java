package dev.plinth.db.it.migrate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.error.NoSuchTableException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.List;

class OperationsTest {

  static final Table PARENTS =
      Table.builder("parents")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("code", SqlType.varchar(20)))
          .primaryKey("id")
          .build();

  static final Table ITEMS =
      Table.builder("items")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("name", SqlType.varchar(50)))
          .column(Column.of("qty", SqlType.integer()))
          .column(Column.of("parent_id", SqlType.integer()))
          .primaryKey("id")
          .build();

  @AllBackends
  void createRenameAndDropTable(Database db) {
    TestMigrations.run(db, ctx -> ctx.op().createTable(ITEMS));
    assertThat(db.schema().table("items").column("qty")).isPresent();
    TestMigrations.run(db, ctx -> ctx.op().renameTable("items", "goods"));
    assertThat(db.schema().table("goods").columns()).hasSize(4);
    TestMigrations.run(db, ctx -> ctx.op().dropTable("goods"));
    assertThatThrownBy(() -> db.schema().table("goods")).isInstanceOf(NoSuchTableException.class);
  }

  @AllBackends
  void addRenameAndDropColumn(Database db) {
    TestMigrations.run(db, ctx -> ctx.op().createTable(ITEMS));
    TestMigrations.run(
        db,
        ctx -> ctx.op().addColumn("items", Column.of("note", SqlType.text()).serverDefault("'-'")));
    assertThat(db.schema().table("items").column("note").orElseThrow().type())
        .isEqualTo(SqlType.text());
    TestMigrations.run(db, ctx -> ctx.op().renameColumn("items", "note", "remark"));
    assertThat(db.schema().table("items").column("remark")).isPresent();
    TestMigrations.run(db, ctx -> ctx.op().dropColumn("items", "remark"));
    assertThat(db.schema().table("items").column("remark")).isEmpty();
    assertThat(db.schema().table("items").columns()).hasSize(4);
  }

  @AllBackends
  void createAndDropIndex(Database db) {
    TestMigrations.run(db, ctx -> ctx.op().createTable(ITEMS));
    TestMigrations.run(db, ctx -> ctx.op().createIndex("items", Index.of("ix_items_name", "name")));
    assertThat(db.schema().table("items").indexes())
        .containsExactly(Index.of("ix_items_name", "name"));
    TestMigrations.run(db, ctx -> ctx.op().dropIndex("items", "ix_items_name"));
    assertThat(db.schema().table("items").indexes()).isEmpty();
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void alterColumnTypeNullabilityAndDefaultInPlace(Database db) {
    TestMigrations.run(db, ctx -> ctx.op().createTable(ITEMS));
    db.writer().run(tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'bolt')"));
    TestMigrations.run(
        db,
        ctx ->
            ctx.op()
                .alterColumn(
                    "items", "qty", c -> c.type(SqlType.bigint()).notNull().serverDefault("7")));
    Column qty = db.schema().table("items").column("qty").orElseThrow();
    assertThat(qty.type()).isEqualTo(SqlType.bigint());
    assertThat(qty.nullable()).isFalse();
    assertThat(qty.serverDefault()).contains("7");
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items WHERE qty = 7")).isEqualTo(1);
    TestMigrations.run(
        db, ctx -> ctx.op().alterColumn("items", "qty", c -> c.allowNull().serverDefault(null)));
    qty = db.schema().table("items").column("qty").orElseThrow();
    assertThat(qty.nullable()).isTrue();
    assertThat(qty.serverDefault()).isNull();
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void addAndDropConstraintsInPlace(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().createTable(PARENTS);
          ctx.op().createTable(ITEMS);
          ctx.op().createUniqueConstraint("items", UniqueConstraint.of("uq_items_name", "name"));
          ctx.op()
              .createForeignKey(
                  "items", ForeignKey.of("fk_items_parent", "parent_id", "parents", "id"));
          ctx.op().createCheckConstraint("items", CheckConstraint.of("ck_items_qty", "qty >= 0"));
        });
    Table items = db.schema().table("items");
    assertThat(items.uniqueConstraints())
        .containsExactly(UniqueConstraint.of("uq_items_name", "name"));
    assertThat(items.foreignKeys())
        .containsExactly(ForeignKey.of("fk_items_parent", "parent_id", "parents", "id"));
    assertThat(items.checks()).extracting(CheckConstraint::name).containsExactly("ck_items_qty");
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().dropConstraint("items", "uq_items_name");
          ctx.op().dropConstraint("items", "fk_items_parent");
          ctx.op().dropConstraint("items", "ck_items_qty");
        });
    items = db.schema().table("items");
    assertThat(items.uniqueConstraints()).isEmpty();
    assertThat(items.foreignKeys()).isEmpty();
    assertThat(items.checks()).isEmpty();
  }

  @AllBackends(Backend.SQLITE)
  void sqliteRefusesInPlaceAlterAndNamesBatchAlterTable(Database db) {
    TestMigrations.run(db, ctx -> ctx.op().createTable(ITEMS));
    assertThatThrownBy(
            () ->
                TestMigrations.run(
                    db, ctx -> ctx.op().alterColumn("items", "qty", Column::notNull)))
        .isInstanceOf(DbNotSupportedException.class)
        .hasMessageContaining("items.qty")
        .hasMessageContaining("batchAlterTable");
    assertThatThrownBy(
            () ->
                TestMigrations.run(
                    db,
                    ctx ->
                        ctx.op()
                            .createCheckConstraint("items", CheckConstraint.of("ck", "qty > 0"))))
        .isInstanceOf(DbNotSupportedException.class)
        .hasMessageContaining("batchAlterTable");
    assertThat(db.schema().table("items").column("qty").orElseThrow().nullable()).isTrue();
  }

  @AllBackends
  void executeAndBulkInsert(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().createTable(ITEMS);
          ctx.op()
              .bulkInsert(
                  "items",
                  List.of("id", "name", "qty"),
                  List.of(List.of(1, "bolt", 3), List.of(2, "it's \\ odd", 4)));
          ctx.op().execute("UPDATE items SET qty = qty * 10");
        });
    assertThat(TestMigrations.strings(db, "SELECT name FROM items ORDER BY id"))
        .containsExactly("bolt", "it's \\ odd");
    assertThat(TestMigrations.strings(db, "SELECT qty FROM items ORDER BY id"))
        .containsExactly("30", "40");
  }

  @AllBackends
  void offlineBulkInsertRendersLiteralsThatRunAsTheyAre(Database db) {
    TestMigrations.run(db, ctx -> ctx.op().createTable(ITEMS));
    List<String> script =
        TestMigrations.offline(
            db.dialect(),
            ctx ->
                ctx.op()
                    .bulkInsert(
                        "items", List.of("id", "name"), List.of(List.of(5, "o'clock \\n"))));
    assertThat(script).hasSize(1);
    TestMigrations.run(db, ctx -> script.forEach(ctx::execute));
    assertThat(TestMigrations.strings(db, "SELECT name FROM items")).containsExactly("o'clock \\n");
  }
}
