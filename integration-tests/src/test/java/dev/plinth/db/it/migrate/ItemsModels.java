package dev.plinth.db.it.migrate;

import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.ModelsProvider;
import java.util.List;

/**
 * A service's models, registered through {@code META-INF/services} in the tests that need them: one
 * table {@code items}; tables named {@code shadow_*} are not the models' business.
 */
public final class ItemsModels implements ModelsProvider {

  /** The DDL that creates exactly the models, on every backend. */
  public static final String MATCHING_DDL =
      "CREATE TABLE items (id INTEGER NOT NULL, name VARCHAR(64) NOT NULL, qty INTEGER,"
          + " PRIMARY KEY (id));";

  @Override
  public Schema models() {
    return Schema.of(
        List.of(
            Table.builder("items")
                .column(Column.of("id", SqlType.integer()).notNull())
                .column(Column.of("name", SqlType.varchar(64)).notNull())
                .column(Column.of("qty", SqlType.integer()))
                .primaryKey("id")
                .build()));
  }

  @Override
  public boolean includeTable(String table) {
    return !table.startsWith("shadow_");
  }
}
