package dev.plinth.bench;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.batch.BatchAlterTable;
import dev.plinth.db.testing.TxMigrationContext;

/**
 * The database every contender of {@link BatchSqliteBench} starts from, the batch they all apply,
 * and the description of the result that they must agree on. {@code items} has a primary key, a
 * unique constraint, an index and {@code ROWS} rows; {@code parts} holds one row per ten items and
 * a foreign key to {@code items}, so the rebuilt table has an incoming foreign key.
 */
final class BatchFixture {
  /** How the unique {@code name} values run against the row order. */
  enum Keys {
    /** {@code item1}, {@code item2}, ...: the copy fills the unique index almost in order. */
    SEQUENTIAL("'item' || i"),
    /** 32 random hex digits, as a UUID column: the copy fills the unique index at random. */
    RANDOM("lower(hex(randomblob(16)))");

    private final String expression;

    Keys(String expression) {
      this.expression = expression;
    }
  }

  /** Items per part row. */
  static final int ITEMS_PER_PART = 10;

  private static final Table ITEMS =
      Table.builder("items")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("name", SqlType.varchar(50)))
          .column(Column.of("qty", SqlType.integer()))
          .column(Column.of("created_at", SqlType.timestamp()))
          .column(Column.of("description", SqlType.varchar(100)))
          .primaryKey("id")
          .unique(UniqueConstraint.of("uq_items_name", "name"))
          .index(Index.of("ix_items_qty", "qty"))
          .build();

  private static final Table PARTS =
      Table.builder("parts")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("item_id", SqlType.integer()).notNull())
          .primaryKey("id")
          .foreignKey(ForeignKey.of("fk_parts_item", "item_id", "items", "id").onDelete("CASCADE"))
          .build();

  private BatchFixture() {}

  /**
   * The batch under test: add a column, make {@code qty} BIGINT NOT NULL DEFAULT 0, drop a column,
   * rename the column of the unique constraint. {@code bench/alembic/batch_alter.py} and {@link
   * HandWrittenRebuild} make the same changes.
   */
  static BatchAlterTable changes(BatchAlterTable batch) {
    return batch
        .addColumn(Column.of("note", SqlType.text()))
        .alterColumn("qty", c -> c.type(SqlType.bigint()).notNull().serverDefault("0"))
        .dropColumn("created_at")
        .renameColumn("name", "title");
  }

  /**
   * Creates both tables in {@code db} and fills them: {@code rows} items with names made as {@code
   * keys} says and no NULL {@code qty} (Alembic's copy would fail on one: it does not fill NULLs
   * with the new default), and one part per {@link #ITEMS_PER_PART} items.
   */
  static void create(Database db, int rows, Keys keys) {
    db.writer()
        .schemaChange()
        .run(
            tx -> {
              TxMigrationContext ctx = new TxMigrationContext(tx);
              ctx.op().createTable(ITEMS);
              ctx.op().createTable(PARTS);
              tx.update(
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                      + " INSERT INTO items (id, name, qty, created_at, description)"
                      + " SELECT i, "
                      + keys.expression
                      + ", i % 1000,"
                      + " datetime(1700000000 + i, 'unixepoch'), 'description of item ' || i"
                      + " FROM n",
                  rows);
              tx.update(
                  "INSERT INTO parts (id, item_id) SELECT id / ?, id FROM items WHERE id % ? = 0",
                  ITEMS_PER_PART, ITEMS_PER_PART);
            });
  }

  /**
   * What a run left behind, as Plinth reads it back: both tables' shapes, the row counts, the
   * number of rows whose {@code qty} is NULL and the number of foreign-key violations. Every
   * contender must leave the same description.
   */
  static String describe(Database db) {
    db.schema().invalidate();
    Table items = db.schema().table("items");
    Table parts = db.schema().table("parts");
    return db.reader()
        .call(
            tx ->
                String.join(
                    "\n",
                    "items: " + items,
                    "parts: " + parts,
                    "rows: items="
                        + tx.count("SELECT 1 FROM items")
                        + " parts="
                        + tx.count("SELECT 1 FROM parts")
                        + " qty_null="
                        + tx.count("SELECT 1 FROM items WHERE qty IS NULL")
                        + " title_of_7="
                        + tx.queryOne("SELECT title FROM items WHERE id = 7", rs -> rs.getString(1))
                            .orElse(null)
                        + " fk_violations="
                        + tx.query("PRAGMA foreign_key_check", rs -> rs.getString(1)).size()));
  }
}
