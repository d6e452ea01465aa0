package dev.plinth.examples.inventory.migrations;

import dev.plinth.db.archive.ShadowedOperations;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Revision;
import dev.plinth.examples.inventory.InventoryMigrations;

/**
 * The base: {@code items}, soft-deletable with oslo.db's columns, its name unique among live items,
 * and its tags kept the way the first version of the service kept them, as one comma-separated
 * column; and {@code shadow_items} for the archiver.
 */
@Revision(
    id = InventoryMigrations.CREATE_ITEMS,
    message = "create items (tags as a comma-separated column) and shadow_items")
public final class CreateItems implements Migration {

  @Override
  public void upgrade(MigrationContext ctx) {
    ShadowedOperations.on(ctx)
        .createTable(
            Table.builder("items")
                .column(Column.of("id", SqlType.integer()).withAutoIncrement())
                .column(Column.of("created_at", SqlType.timestamp()))
                .column(Column.of("updated_at", SqlType.timestamp()))
                .column(Column.of("deleted_at", SqlType.timestamp()))
                .column(Column.of("deleted", SqlType.integer()).notNull().serverDefault("0"))
                .column(Column.of("name", SqlType.varchar(255)).notNull())
                .column(Column.of("qty", SqlType.integer()))
                .column(Column.of("tags", SqlType.varchar(255)))
                .primaryKey("id")
                .unique(UniqueConstraint.of("uniq_items0name0deleted", "name", "deleted"))
                .build());
  }

  @Override
  public void downgrade(MigrationContext ctx) {
    ShadowedOperations.on(ctx).dropTable("items");
  }
}
