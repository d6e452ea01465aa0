package dev.plinth.examples.inventory.migrations;

import dev.plinth.db.archive.ShadowedOperations;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Revision;
import dev.plinth.examples.inventory.InventoryMigrations;

/**
 * Expand: adds {@code tags} and the link table {@code item_tags} (with its shadow table, since its
 * rows leave with an archived item). Only adds tables, so the old code, which reads {@code
 * items.tags}, keeps running; {@link TagsFromCsv} then fills the new tables online. The tables are
 * spelled out here rather than taken from the models: a revision is frozen once released.
 */
@Revision(
    id = InventoryMigrations.CREATE_TAGS,
    down = InventoryMigrations.QTY_NOT_NEGATIVE,
    phase = "expand",
    message = "create tags and item_tags")
public final class CreateTags implements Migration {

  @Override
  public void upgrade(MigrationContext ctx) {
    ctx.op()
        .createTable(
            keyed("tags")
                .column(Column.of("name", SqlType.varchar(64)).notNull())
                .unique(UniqueConstraint.of("uniq_tags0name", "name"))
                .build());
    ShadowedOperations.on(ctx)
        .createTable(
            keyed("item_tags")
                .column(Column.of("item_id", SqlType.integer()).notNull())
                .column(Column.of("tag_id", SqlType.integer()).notNull())
                .unique(UniqueConstraint.of("uniq_item_tags0item_id0tag_id", "item_id", "tag_id"))
                .index(Index.of("ix_item_tags_tag_id", "tag_id"))
                .foreignKey(ForeignKey.of("fk_item_tags_item_id", "item_id", "items", "id"))
                .foreignKey(ForeignKey.of("fk_item_tags_tag_id", "tag_id", "tags", "id"))
                .build());
  }

  @Override
  public void downgrade(MigrationContext ctx) {
    ShadowedOperations.on(ctx).dropTable("item_tags");
    ctx.op().dropTable("tags");
  }

  private static Table.Builder keyed(String name) {
    return Table.builder(name)
        .column(Column.of("id", SqlType.integer()).withAutoIncrement())
        .column(Column.of("created_at", SqlType.timestamp()))
        .primaryKey("id");
  }
}
