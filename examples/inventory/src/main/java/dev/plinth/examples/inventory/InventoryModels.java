package dev.plinth.examples.inventory;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.core.softdelete.UniqueName;
import dev.plinth.db.migrate.ModelsProvider;
import java.util.List;

/**
 * The tables the inventory's code uses, as the migrations leave them at the head: what {@link
 * dev.plinth.db.migrate.Migrator#compareModels()} and {@code plinth-migrate check} compare with a
 * migrated database. Listed in {@code META-INF/services/dev.plinth.db.migrate.ModelsProvider}.
 * Shadow tables belong to the archiver, not to the models.
 */
public final class InventoryModels implements ModelsProvider {

  /** The items: soft-deletable, a name unique among live items, a quantity never negative. */
  public static final Table ITEMS =
      timestamped("items")
          .column(Column.of("updated_at", SqlType.timestamp()))
          .column(Column.of("deleted_at", SqlType.timestamp()))
          .column(Column.of("deleted", SqlType.integer()).notNull().serverDefault("0"))
          .column(Column.of("name", SqlType.varchar(255)).notNull())
          .column(Column.of("qty", SqlType.integer()).notNull().serverDefault("0"))
          .unique(unique("items", "name", "deleted"))
          .check(CheckConstraint.of("ck_items_qty_not_negative", "qty >= 0"))
          .build();

  /** The tags, by unique name. */
  public static final Table TAGS =
      timestamped("tags")
          .column(Column.of("name", SqlType.varchar(64)).notNull())
          .unique(unique("tags", "name"))
          .build();

  /** Which item carries which tag. */
  public static final Table ITEM_TAGS =
      timestamped("item_tags")
          .column(Column.of("item_id", SqlType.integer()).notNull())
          .column(Column.of("tag_id", SqlType.integer()).notNull())
          .unique(unique("item_tags", "item_id", "tag_id"))
          .index(Index.of("ix_item_tags_tag_id", "tag_id"))
          .foreignKey(ForeignKey.of("fk_item_tags_item_id", "item_id", "items", "id"))
          .foreignKey(ForeignKey.of("fk_item_tags_tag_id", "tag_id", "tags", "id"))
          .build();

  /** Creates the provider; {@link java.util.ServiceLoader} needs the public constructor. */
  public InventoryModels() {}

  @Override
  public Schema models() {
    return Schema.of(List.of(ITEMS, TAGS, ITEM_TAGS));
  }

  @Override
  public boolean includeTable(String table) {
    return !table.startsWith("shadow_");
  }

  private static Table.Builder timestamped(String name) {
    return Table.builder(name)
        .column(Column.of("id", SqlType.integer()).withAutoIncrement())
        .column(Column.of("created_at", SqlType.timestamp()))
        .primaryKey("id");
  }

  private static UniqueConstraint unique(String table, String... columns) {
    return UniqueConstraint.of(UniqueName.of(table, columns).constraintName(), columns);
  }
}
