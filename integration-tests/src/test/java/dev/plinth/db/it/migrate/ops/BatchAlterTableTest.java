package dev.plinth.db.it.migrate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.CheckConstraintException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.batch.BatchAlterTable;
import dev.plinth.db.migrate.batch.Recreate;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * {@code batchAlterTable} on every backend; public so that the Galera tests run its scenarios on a
 * cluster.
 */
public class BatchAlterTableTest {
  private static final int ROWS = 100_000;

  private static final UnaryOperator<BatchAlterTable> WIDEN_QTY =
      batch -> batch.alterColumn("qty", c -> c.type(SqlType.bigint()));

  /** A copy under a raised page cache, on a connection whose own is 3,000 KiB. */
  private static final List<String> CACHE_RAISED_FOR_THE_COPY =
      List.of("PRAGMA cache_size = -65536", "INSERT", "PRAGMA cache_size = -3000");

  private static final Table PARENTS =
      Table.builder("parents")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("code", SqlType.varchar(20)))
          .primaryKey("id")
          .build();

  private static final Table ITEMS =
      Table.builder("items")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("name", SqlType.varchar(50)))
          .column(Column.of("qty", SqlType.integer()))
          .column(Column.of("created_at", SqlType.timestamp()))
          .column(Column.of("parent_id", SqlType.integer()))
          .primaryKey("id")
          .unique(UniqueConstraint.of("uq_items_name", "name"))
          .foreignKey(ForeignKey.of("fk_items_parent", "parent_id", "parents", "id"))
          .index(Index.of("ix_items_qty", "qty"))
          .build();

  private static final Table PARTS =
      Table.builder("parts")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("item_id", SqlType.integer()).notNull())
          .primaryKey("id")
          .foreignKey(ForeignKey.of("fk_parts_item", "item_id", "items", "id").onDelete("CASCADE"))
          .build();

  /** parents(1), items(rows, qty NULL on even ids) pointing at it, parts pointing at items. */
  private static void schemaWithRows(Database db, int rows) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().createTable(PARENTS);
          ctx.op().createTable(ITEMS);
          ctx.op().createTable(PARTS);
          ctx.op().execute("INSERT INTO parents (id, code) VALUES (1, 'p')");
          ctx.op().execute("CREATE TABLE digits (d INTEGER)");
          ctx.op()
              .bulkInsert(
                  "digits", List.of("d"), IntStream.range(0, 10).mapToObj(List::of).toList());
          ctx.op()
              .execute(
                  "INSERT INTO items (id, name, qty, parent_id) SELECT i, CONCAT('item', i),"
                      + " CASE WHEN i % 2 = 0 THEN NULL ELSE i END, 1 FROM (SELECT"
                      + " a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 1 AS i"
                      + " FROM digits a, digits b, digits c, digits e, digits f) n WHERE i <= "
                      + rows);
          ctx.op().dropTable("digits");
          ctx.op().execute("INSERT INTO parts (id, item_id) SELECT id, id FROM items");
        });
  }

  /** The design's example batch: widen, drop, rename, add; rows and keys kept. */
  @AllBackends
  public void designExampleWidensQtyDropsAColumnAndRenamesAnother(Database db) {
    schemaWithRows(db, 10);
    alterItems(
        db,
        batch ->
            batch
                .addColumn(Column.of("note", SqlType.text()))
                .alterColumn("qty", c -> c.type(SqlType.bigint()).notNull().serverDefault("0"))
                .dropColumn("created_at")
                .renameColumn("name", "title"));
    Table items = db.schema().table("items");
    assertThat(items.columns())
        .extracting(Column::name)
        .containsExactlyInAnyOrder("id", "title", "qty", "parent_id", "note");
    Column qty = items.column("qty").orElseThrow();
    assertThat(qty.type()).isEqualTo(SqlType.bigint());
    assertThat(qty.nullable()).isFalse();
    assertThat(qty.serverDefault()).contains("0");
    assertThat(items.uniqueConstraints())
        .containsExactly(UniqueConstraint.of("uq_items_name", "title"));
    assertThat(items.indexes()).containsExactly(Index.of("ix_items_qty", "qty"));
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items WHERE qty = 0")).isEqualTo(5);
    assertThat(TestMigrations.strings(db, "SELECT title FROM items WHERE id = 3"))
        .containsExactly("item3");
  }

  @AllBackends
  void rebuildOfAHundredThousandRowsKeepsRowsKeysAndIndexes(Database db) {
    schemaWithRows(db, ROWS);
    Table before = db.schema().table("items");
    rebuild(db, "items", batch -> batch.addColumn(Column.of("note", SqlType.varchar(10))));
    Table after = db.schema().table("items");
    assertThat(after.columns()).hasSize(before.columns().size() + 1);
    assertThat(after.primaryKey()).isEqualTo(before.primaryKey());
    assertThat(after.uniqueConstraints()).isEqualTo(before.uniqueConstraints());
    assertThat(after.foreignKeys()).isEqualTo(before.foreignKeys());
    assertThat(after.indexes()).isEqualTo(before.indexes());
    assertThat(db.schema().table("parts").foreignKeys()).isEqualTo(PARTS.foreignKeys());
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items")).isEqualTo(ROWS);
    assertThat(TestMigrations.count(db, "SELECT 1 FROM parts")).isEqualTo(ROWS);
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items WHERE qty IS NULL"))
        .isEqualTo(ROWS / 2);
    assertThatThrownBy(
            () ->
                db.writer().run(tx -> tx.update("INSERT INTO parts (id, item_id) VALUES (-1, -1)")))
        .isInstanceOf(ReferenceException.class);
  }

  /** A copy that breaks a new check fails and leaves the table as it was. */
  @AllBackends
  public void copyThatViolatesANewCheckFailsAndLeavesTheTableAsItWas(Database db) {
    schemaWithRows(db, 20);
    Table before = db.schema().table("items");
    List<String> rowsBefore = TestMigrations.strings(db, "SELECT name FROM items ORDER BY id");
    assertThatThrownBy(
            () ->
                alterItems(
                    db,
                    batch ->
                        batch
                            .addColumn(Column.of("note", SqlType.text()))
                            .addCheckConstraint(CheckConstraint.of("ck_items_qty", "qty < 5"))))
        .isInstanceOf(DbException.class);
    assertThat(db.schema().table("items")).isEqualTo(before);
    assertThat(TestMigrations.strings(db, "SELECT name FROM items ORDER BY id"))
        .isEqualTo(rowsBefore);
    assertThat(db.schema().schema().tables().keySet())
        .containsExactlyInAnyOrder("parents", "items", "parts");
  }

  @AllBackends({Backend.SQLITE, Backend.POSTGRESQL})
  void failedRebuildLeavesNoTempTableAndTheOriginalIntact(Database db) {
    schemaWithRows(db, 20);
    Table before = db.schema().table("items");
    assertThatThrownBy(
            () -> rebuild(db, "items", batch -> batch.alterColumn("qty", Column::notNull)))
        .isInstanceOf(DbException.class);
    assertThat(db.schema().schema().tables().keySet())
        .containsExactlyInAnyOrder("parents", "items", "parts");
    assertThat(db.schema().table("items")).isEqualTo(before);
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items")).isEqualTo(20);
  }

  @AllBackends(Backend.SQLITE)
  void childRowsWithOnDeleteCascadeSurviveARebuildOnSqlite(Database db) {
    schemaWithRows(db, 50);
    rebuild(db, "items", WIDEN_QTY);
    assertThat(TestMigrations.count(db, "SELECT 1 FROM parts")).isEqualTo(50);
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items")).isEqualTo(50);
    assertThat(db.schema().table("parts").foreignKeys()).isEqualTo(PARTS.foreignKeys());
  }

  @AllBackends(Backend.SQLITE)
  void foreignKeyCheckBeforeCommitRollsBackOrphanedRowsOnSqlite(Database db) {
    schemaWithRows(db, 5);
    db.writer().run(tx -> tx.update("INSERT INTO parents (id, code) VALUES (2, 'q')"));
    assertThatThrownBy(
            () ->
                TestMigrations.run(
                    db,
                    ctx -> {
                      ctx.op()
                          .batchAlterTable(
                              "parents",
                              batch ->
                                  batch.addCheckConstraint(CheckConstraint.of("ck_id", "id > 0")));
                      ctx.op().execute("DELETE FROM parents WHERE id = 1");
                    }))
        .isInstanceOf(ReferenceException.class)
        .hasMessageContaining("items rowid 1 -> parents");
    assertThat(TestMigrations.strings(db, "SELECT id FROM parents ORDER BY id"))
        .containsExactly("1", "2");
    assertThat(db.schema().table("parents").checks()).isEmpty();
    assertThat(TestMigrations.strings(db, "PRAGMA foreign_keys")).containsExactly("1");
  }

  @AllBackends(Backend.SQLITE)
  void triggersAndViewsOnTheTableAreRecreatedOnSqlite(Database db) {
    schemaWithRows(db, 3);
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op().execute("CREATE TABLE audit (item_id INTEGER)");
          ctx.op()
              .execute(
                  "CREATE TRIGGER trg_items_audit AFTER INSERT ON items"
                      + " BEGIN INSERT INTO audit (item_id) VALUES (NEW.id); END");
          ctx.op().execute("CREATE VIEW v_items AS SELECT id, qty FROM items");
          ctx.op().execute("CREATE VIEW v_items_count AS SELECT COUNT(*) AS n FROM v_items");
        });
    alterItems(db, batch -> batch.dropColumn("created_at"));
    assertThat(
            TestMigrations.strings(
                db,
                "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name"))
        .containsExactly("trg_items_audit", "v_items", "v_items_count");
    db.writer().run(tx -> tx.update("INSERT INTO items (id, name, parent_id) VALUES (99, 'x', 1)"));
    assertThat(TestMigrations.strings(db, "SELECT item_id FROM audit")).containsExactly("99");
    assertThat(TestMigrations.strings(db, "SELECT n FROM v_items_count")).containsExactly("4");
  }

  @AllBackends(Backend.SQLITE)
  void partialAndExpressionIndexesSurviveARebuildOnSqlite(Database db) {
    schemaWithRows(db, 10);
    String partial = "CREATE INDEX ix_items_qty_set ON items (qty) WHERE qty IS NOT NULL";
    String expression = "CREATE INDEX ix_items_lower_name ON items (lower(name))";
    TestMigrations.execute(db, partial, expression);
    assertThat(db.schema().table("items").indexes())
        .containsExactly(
            Index.of("ix_items_lower_name", "(lower(name))"),
            Index.of("ix_items_qty", "qty"),
            Index.of("ix_items_qty_set", "qty").where("qty IS NOT NULL"));
    rebuild(
        db,
        "items",
        batch -> batch.addColumn(Column.of("note", SqlType.text())).renameColumn("name", "title"));
    assertThat(
            TestMigrations.strings(
                db,
                "SELECT sql FROM sqlite_master WHERE name IN ('ix_items_lower_name', 'ix_items_qty_set')"
                    + " ORDER BY name"))
        .containsExactly("CREATE INDEX ix_items_lower_name ON items (lower(\"title\"))", partial);
    assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @AllBackends(Backend.SQLITE)
  void aPartialIndexTheBatchReplacesIsCreatedFromTheModelThroughARebuildOnSqlite(Database db) {
    schemaWithRows(db, 10);
    TestMigrations.execute(
        db, "CREATE INDEX ix_items_qty_set ON items (qty) WHERE qty IS NOT NULL");
    Index replaced = Index.of("ix_items_qty_set", Index.expression("qty + 1")).where("qty > 5");
    Index added = Index.unique("ux_items_live_name", "name").where("qty > 0");
    rebuild(
        db,
        "items",
        batch ->
            batch
                .addColumn(Column.of("note", SqlType.text()))
                .dropIndex("ix_items_qty_set")
                .createIndex(replaced)
                .createIndex(added));

    assertThat(db.schema().table("items").indexes())
        .containsExactly(Index.of("ix_items_qty", "qty"), replaced, added);
    assertThat(TestMigrations.strings(db, "PRAGMA integrity_check")).containsExactly("ok");
  }

  @AllBackends(Backend.SQLITE)
  void indexesOutsideTheModelKeepTheirOwnSqlThroughRenamesOnSqlite(Database db) {
    String collated = "CREATE UNIQUE INDEX ux_fx_name ON fx (name COLLATE NOCASE)";
    TestMigrations.execute(
        db,
        "CREATE TABLE fx (id INTEGER PRIMARY KEY, lower TEXT, name TEXT)",
        "CREATE INDEX ix_fx ON fx (lower(name)) WHERE name <> 'lower'",
        collated,
        "INSERT INTO fx (id, lower, name) VALUES (1, 'a', 'Ada')");
    rebuild(db, "fx", batch -> batch.renameColumn("lower", "low").renameColumn("name", "title"));
    assertThat(
            TestMigrations.strings(
                db,
                "SELECT sql FROM sqlite_master WHERE name IN ('ix_fx', 'ux_fx_name') ORDER BY name"))
        .containsExactly(
            "CREATE INDEX ix_fx ON fx (lower(\"title\")) WHERE \"title\" <> 'lower'",
            "CREATE UNIQUE INDEX ux_fx_name ON fx (\"title\" COLLATE NOCASE)");
    assertThatThrownBy(
            () -> db.writer().run(tx -> tx.update("INSERT INTO fx (id, title) VALUES (2, 'ADA')")))
        .isInstanceOf(DuplicateEntryException.class);
  }

  @AllBackends(Backend.SQLITE)
  void keywordsAndCommentsInAnIndexAreNotItsColumnsOnSqlite(Database db) {
    String index = "CREATE INDEX ix_kw ON kw (x DESC) WHERE x /* it's set */ IS NOT NULL";
    TestMigrations.execute(
        db, "CREATE TABLE kw (id INTEGER PRIMARY KEY, x TEXT, \"desc\" TEXT)", index);
    rebuild(db, "kw", b -> b.dropColumn("desc").renameColumn("x", "y"));
    assertThat(TestMigrations.strings(db, "SELECT sql FROM sqlite_master WHERE name = 'ix_kw'"))
        .containsExactly(
            "CREATE INDEX ix_kw ON kw (\"y\" DESC) WHERE \"y\" /* it's set */ IS NOT NULL");
  }

  @AllBackends(Backend.SQLITE)
  void renamedColumnIsRenamedInChecksButNotInTheirStringsOnSqlite(Database db) {
    TestMigrations.execute(
        db,
        "CREATE TABLE kinds (id INTEGER PRIMARY KEY, a TEXT, kind TEXT,"
            + " CONSTRAINT ck_kind CHECK (kind <> 'a'), CONSTRAINT ck_a CHECK (A <> ''))",
        "INSERT INTO kinds (id, a, kind) VALUES (1, 'x', 'b')");
    rebuild(db, "kinds", b -> b.renameColumn("a", "x"));
    assertThat(db.schema().table("kinds").checks())
        .containsExactly(
            CheckConstraint.of("ck_kind", "kind <> 'a'"), CheckConstraint.of("ck_a", "x <> ''"));
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(tx -> tx.update("INSERT INTO kinds (id, x, kind) VALUES (2, 'y', 'a')")))
        .isInstanceOf(CheckConstraintException.class);
  }

  @AllBackends(Backend.SQLITE)
  void notNullWithServerDefaultFillsExistingNullsOnSqlite(Database db) {
    schemaWithRows(db, 10);
    alterItems(db, batch -> batch.alterColumn("qty", c -> c.notNull().serverDefault("-1")));
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items WHERE qty = -1")).isEqualTo(5);
    assertThat(db.schema().table("items").column("qty").orElseThrow().nullable()).isFalse();
  }

  @AllBackends(Backend.SQLITE)
  void copyOfOutOfOrderUniqueKeysRunsWithA64MibPageCacheOnSqlite(Database db) {
    schemaWithRandomNames(db);
    List<String> executed = new ArrayList<>();
    batchOnItems(db, executed, Recreate.ALWAYS, WIDEN_QTY);
    assertThat(aroundTheCopy(executed)).isEqualTo(CACHE_RAISED_FOR_THE_COPY);
    assertThat(cacheSize(db)).isEqualTo("-3000");
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items")).isEqualTo(1_000);
  }

  @AllBackends(Backend.SQLITE)
  void failedCopyOfOutOfOrderUniqueKeysRestoresThePageCacheOnSqlite(Database db) {
    schemaWithRandomNames(db);
    List<String> executed = new ArrayList<>();
    UnaryOperator<BatchAlterTable> failingCheck =
        batch -> batch.addCheckConstraint(CheckConstraint.of("ck_items_qty", "qty < 5"));
    assertThatThrownBy(() -> batchOnItems(db, executed, Recreate.ALWAYS, failingCheck))
        .isInstanceOf(DbException.class)
        .hasMessageContaining("ck_items_qty");
    assertThat(aroundTheCopy(executed)).isEqualTo(CACHE_RAISED_FOR_THE_COPY);
    assertThat(cacheSize(db)).isEqualTo("-3000");
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items")).isEqualTo(1_000);
  }

  @AllBackends
  void copyOfUniqueKeysInRowOrderKeepsThePageCache(Database db) {
    schemaWithRows(db, 1_000);
    List<String> executed = new ArrayList<>();
    batchOnItems(db, executed, Recreate.ALWAYS, WIDEN_QTY);
    assertThat(aroundTheCopy(executed)).containsExactly("INSERT");
  }

  /** Runs {@code changes} on {@code items} as one revision, recording what it executed. */
  private static void batchOnItems(
      Database db,
      List<String> executed,
      Recreate recreate,
      UnaryOperator<BatchAlterTable> changes) {
    TestMigrations.run(db, executed, ctx -> ctx.op().batchAlterTable("items", recreate, changes));
  }

  /** Runs {@code changes} on {@code items} as one revision, rebuilding the table where needed. */
  private static void alterItems(Database db, UnaryOperator<BatchAlterTable> changes) {
    TestMigrations.run(db, ctx -> ctx.op().batchAlterTable("items", changes));
  }

  /** Rebuilds {@code table} with {@code changes} ({@code Recreate.ALWAYS}) as one revision. */
  private static void rebuild(Database db, String table, UnaryOperator<BatchAlterTable> changes) {
    TestMigrations.run(db, ctx -> ctx.op().batchAlterTable(table, Recreate.ALWAYS, changes));
  }

  /** The executed statements that set the page cache or copy rows, the copy shown as INSERT. */
  private static List<String> aroundTheCopy(List<String> executed) {
    return executed.stream()
        .filter(sql -> sql.startsWith("PRAGMA cache_size") || sql.startsWith("INSERT INTO"))
        .map(sql -> sql.startsWith("INSERT") ? "INSERT" : sql)
        .toList();
  }

  /**
   * {@link #schemaWithRows} with 1,000 items whose unique names are random, so that a copy in row
   * order reaches their index out of order, on a connection with a 3,000 KiB page cache.
   */
  private static void schemaWithRandomNames(Database db) {
    schemaWithRows(db, 1_000);
    db.writer().run(tx -> tx.update("UPDATE items SET name = hex(randomblob(16))"));
    db.writer().run(tx -> tx.update("PRAGMA cache_size = -3000"));
  }

  private static String cacheSize(Database db) {
    return db.writer()
        .call(tx -> tx.queryOne("PRAGMA cache_size", rs -> rs.getString(1)))
        .orElseThrow();
  }

  @AllBackends(Backend.SQLITE)
  void autoincrementHighWaterMarkSurvivesARebuildOnSqlite(Database db) {
    TestMigrations.run(
        db,
        ctx -> {
          ctx.op()
              .createTable(
                  Table.builder("tickets")
                      .column(Column.of("id", SqlType.integer()).withAutoIncrement())
                      .column(Column.of("label", SqlType.text()))
                      .build());
          ctx.op().execute("INSERT INTO tickets (label) VALUES ('a'), ('b'), ('c')");
          ctx.op().execute("DELETE FROM tickets WHERE id = 3");
        });
    TestMigrations.run(
        db,
        ctx ->
            ctx.op()
                .batchAlterTable(
                    "tickets",
                    Recreate.ALWAYS,
                    batch -> batch.alterColumn("label", c -> c.notNull().serverDefault("''"))));
    assertThat(db.schema().table("tickets").column("id").orElseThrow().autoIncrement()).isTrue();
    long id = db.writer().call(tx -> tx.insert("INSERT INTO tickets (label) VALUES ('d')"));
    assertThat(id).isEqualTo(4);
  }

  @AllBackends(Backend.SQLITE)
  void offlineRebuildNeedsCopyFromOnSqlite(Database db) {
    assertThatThrownBy(
            () ->
                TestMigrations.offline(
                    db.dialect(),
                    ctx ->
                        ctx.op()
                            .batchAlterTable(
                                "items", batch -> batch.alterColumn("qty", Column::notNull))))
        .hasMessageContaining("copyFrom");
    schemaWithRows(db, 4);
    List<String> script =
        TestMigrations.offline(
            db.dialect(),
            ctx ->
                ctx.op()
                    .batchAlterTable(
                        "items",
                        batch ->
                            batch
                                .copyFrom(ITEMS)
                                .alterColumn("qty", c -> c.notNull().serverDefault("0"))));
    assertThat(script.get(0)).startsWith("CREATE TABLE \"_plinth_tmp_items\"");
    TestMigrations.run(db, ctx -> script.forEach(ctx::execute));
    assertThat(db.schema().table("items").column("qty").orElseThrow().nullable()).isFalse();
    assertThat(TestMigrations.count(db, "SELECT 1 FROM items WHERE qty = 0")).isEqualTo(2);
  }
}
