package dev.plinth.db.it.migrate.autogenerate;

import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.migrate.ModelsProvider;

/**
 * Models a service registers after every change of {@link ModelChange#allTogether()}, and one that
 * autogenerate leaves to the author: the primary key of owners becomes (id, name).
 */
public final class RekeyedShopModels implements ModelsProvider {
  @Override
  public Schema models() {
    return ShopSchema.edit(
        ModelChange.allTogether().models(), "owners", t -> t.primaryKey("id", "name"));
  }
}
