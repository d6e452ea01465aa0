package dev.plinth.examples.inventory.migrations;

import dev.plinth.db.archive.ShadowedOperations;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Revision;
import dev.plinth.examples.inventory.InventoryMigrations;

/**
 * Makes {@code items.qty} NOT NULL with a default of 0 and a check that it is never negative.
 * SQLite cannot alter a column or add a check in place, so this runs as a batch (a declaration
 * rewrite or a move-and-copy there, plain ALTER TABLE elsewhere); the shadow table gets the column
 * change but, as every shadow table, no check.
 */
@Revision(
    id = InventoryMigrations.QTY_NOT_NEGATIVE,
    down = InventoryMigrations.CREATE_ITEMS,
    message = "items.qty: NOT NULL DEFAULT 0, never negative")
public final class QtyNotNegative implements Migration {
  static final String CHECK = "ck_items_qty_not_negative";

  @Override
  public void upgrade(MigrationContext ctx) {
    ctx.execute("UPDATE items SET qty = 0 WHERE qty IS NULL OR qty < 0");
    ctx.execute("UPDATE shadow_items SET qty = 0 WHERE qty IS NULL OR qty < 0");
    ShadowedOperations.on(ctx)
        .batchAlterTable(
            "items",
            b ->
                b.alterColumn("qty", c -> c.notNull().serverDefault("0"))
                    .addCheckConstraint(CheckConstraint.of(CHECK, "qty >= 0")));
  }

  @Override
  public void downgrade(MigrationContext ctx) {
    ShadowedOperations.on(ctx)
        .batchAlterTable(
            "items",
            b ->
                b.dropConstraint(CHECK).alterColumn("qty", c -> c.allowNull().serverDefault(null)));
  }
}
