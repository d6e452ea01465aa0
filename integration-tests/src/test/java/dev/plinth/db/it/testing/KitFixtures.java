package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.TxAction;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.ModelsProvider;
import dev.plinth.db.testing.MigrationContract;
import dev.plinth.db.testing.MigrationSetup;
import java.util.List;

/**
 * Services whose migration tests are {@link MigrationContract}: one with clean revisions, and one
 * per planted defect, each built from the base revision {@code k001} (items and its shadow table)
 * in {@code kit/base} plus its own directory under {@code kit/}. They run only through the engine
 * test kit in {@link MigrationKitProofTest} (Surefire skips nested classes).
 */
final class KitFixtures {
  private KitFixtures() {}

  static final Column QTY = Column.of("qty", SqlType.integer()).notNull().serverDefault("0");
  static final Column NOTE = Column.of("note", SqlType.varchar(200));
  static final Index QTY_INDEX = Index.of("ix_items_qty", "qty");

  static final Table TAGS =
      Table.builder("tags")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("item_id", SqlType.integer()).notNull())
          .column(Column.of("label", SqlType.varchar(32)).notNull())
          .column(Column.of("pinned", SqlType.bool()).notNull().serverDefault("false"))
          .column(Column.of("weight", SqlType.decimal(10, 2)).serverDefault("1.50"))
          .column(Column.of("note", SqlType.text()))
          .column(
              Column.of("created_at", SqlType.timestamp())
                  .notNull()
                  .serverDefault("CURRENT_TIMESTAMP"))
          .primaryKey("id")
          .unique(UniqueConstraint.of("uq_tags0item_id0label", "item_id", "label"))
          .foreignKey(ForeignKey.of("fk_tags_item", "item_id", "items", "id"))
          .check(CheckConstraint.of("ck_tags_weight", "weight >= 0"))
          .build();

  /** The items table of the base revision plus {@code extra} columns, and {@code indexes}. */
  static Table items(List<Column> extra, Index... indexes) {
    Table.Builder t =
        Table.builder("items")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("name", SqlType.varchar(64)).notNull())
            .column(Column.of("deleted", SqlType.integer()).notNull().serverDefault("0"))
            .primaryKey("id");
    extra.forEach(t::column);
    for (Index index : indexes) {
      t.index(index);
    }
    return t.build();
  }

  /** A table {@code name} with an id and one text column. */
  static Table named(String name, String column, int length) {
    return Table.builder(name)
        .column(Column.of("id", SqlType.integer()).notNull())
        .column(Column.of(column, SqlType.varchar(length)).notNull())
        .primaryKey("id")
        .build();
  }

  /** Models that leave the shadow tables to db-archive. */
  record Models(List<Table> tables) implements ModelsProvider {
    Models(Table... tables) {
      this(List.of(tables));
    }

    @Override
    public Schema models() {
      return Schema.of(tables);
    }

    @Override
    public boolean includeTable(String table) {
      return !table.startsWith("shadow_");
    }
  }

  static MigrationSetup.Builder setup(String directory) {
    return MigrationSetup.builder().locations("classpath:kit/base", "classpath:kit/" + directory);
  }

  static final TxAction INSERT_TWO_ITEMS =
      tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'bolt'), (2, 'nut')");

  static final TxAction TWO_ITEMS_KEPT =
      tx ->
          assertThat(tx.query("SELECT name FROM items ORDER BY id", rs -> rs.getString(1)))
              .as("the items the before hook of k002 inserted")
              .containsExactly("bolt", "nut");

  /** Three revisions that keep every rule, with data hooks and shadow tables. */
  static class CleanSet implements MigrationContract {
    @Override
    public MigrationSetup migrationSetup() {
      return setup("clean")
          .models(new Models(items(List.of(QTY), QTY_INDEX), TAGS))
          .before("k002", INSERT_TWO_ITEMS)
          .after("k002", TWO_ITEMS_KEPT)
          .after("k003", TWO_ITEMS_KEPT)
          .archives()
          .build();
    }
  }

  /** A column typed BIGINT on PostgreSQL, INTEGER elsewhere; the models leave its table out. */
  static class OneBackendType implements MigrationContract {
    @Override
    public MigrationSetup migrationSetup() {
      return setup("one-backend-type")
          .models(new Models(items(List.of())))
          .acceptModelDifferences(d -> d.table().equals("audit_log"))
          .build();
    }
  }

  /** The models declare an index the revisions never create. */
  static class MissingIndex implements MigrationContract {
    @Override
    public MigrationSetup migrationSetup() {
      return setup("missing-index").models(new Models(items(List.of(QTY), QTY_INDEX))).build();
    }
  }

  /** A downgrade that leaves the column its upgrade added. */
  static class ForgetfulDowngrade implements MigrationContract {
    @Override
    public MigrationSetup migrationSetup() {
      return setup("forgetful-downgrade").models(new Models(items(List.of(NOTE)))).build();
    }
  }

  /** Two revisions after the same one, never merged. */
  static class TwoHeads implements MigrationContract {
    @Override
    public MigrationSetup migrationSetup() {
      return setup("two-heads")
          .models(
              new Models(
                  items(List.of()), named("labels", "label", 32), named("owners", "name", 64)))
          .build();
    }
  }

  /** A revision that adds a column to a soft-deletable table and not to its shadow table. */
  static class ShadowMissingColumn implements MigrationContract {
    @Override
    public MigrationSetup migrationSetup() {
      return setup("shadow-missing-column")
          .models(new Models(items(List.of(QTY))))
          .archives()
          .build();
    }
  }

  /** A revision that rebuilds a table without copying its rows. */
  static class RowDropping implements MigrationContract {
    @Override
    public MigrationSetup migrationSetup() {
      return setup("row-dropping")
          .models(new Models(items(List.of(NOTE))))
          .before("k002", INSERT_TWO_ITEMS)
          .after("k002", TWO_ITEMS_KEPT)
          .build();
    }
  }
}
