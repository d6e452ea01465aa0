package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.archive.ShadowedOperations;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.Revision;
import dev.plinth.db.migrate.source.JavaMigration;
import dev.plinth.db.testing.AllBackends;
import java.util.List;

class ShadowedOperationsTest {

  @Revision(id = "a1", message = "gadgets and their shadow")
  public static final class CreateGadgets implements Migration {
    @Override
    public void upgrade(MigrationContext ctx) {
      ShadowedOperations.on(ctx)
          .createTable(
              Table.builder("gadgets")
                  .column(Column.of("id", SqlType.integer()).notNull().withAutoIncrement())
                  .column(Column.of("name", SqlType.varchar(64)).notNull())
                  .column(Column.of("deleted", SqlType.integer()).notNull().serverDefault("0"))
                  .column(Column.of("deleted_at", SqlType.timestamp()))
                  .primaryKey("id")
                  .unique(UniqueConstraint.of("uniq_gadgets0name0deleted", "name", "deleted"))
                  .index(Index.of("ix_gadgets_deleted", "deleted"))
                  .build());
    }
  }

  @Revision(id = "b2", down = "a1", message = "columns change on both")
  public static final class ChangeColumns implements Migration {
    @Override
    public void upgrade(MigrationContext ctx) {
      ShadowedOperations ops = ShadowedOperations.on(ctx);
      ops.addColumn("gadgets", Column.of("note", SqlType.varchar(200)));
      ops.addColumn("gadgets", Column.of("qty", SqlType.integer()).notNull().serverDefault("0"));
      ops.renameColumn("gadgets", "name", "title");
    }
  }

  @Revision(id = "c3", down = "b2", message = "a batch on both")
  public static final class BatchOnBoth implements Migration {
    @Override
    public void upgrade(MigrationContext ctx) {
      ShadowedOperations.on(ctx)
          .batchAlterTable(
              "gadgets",
              b ->
                  b.alterColumn("qty", c -> c.type(SqlType.bigint()))
                      .dropColumn("note")
                      .createIndex(Index.of("ix_gadgets_title", "title")));
    }
  }

  @AllBackends
  void migrationsThatAlterATableKeepItsShadowInStep(Database db) {
    try (Migrator m =
        Migrator.builder()
            .database(db)
            .scripts(
                List.of(
                    JavaMigration.of(new CreateGadgets()),
                    JavaMigration.of(new ChangeColumns()),
                    JavaMigration.of(new BatchOnBoth())))
            .build()) {
      m.upgrade("heads");
    }
    db.schema().invalidate();
    assertThat(ShadowTables.of(db).check()).isEmpty();
    Table main = db.schema().table("gadgets");
    Table shadow = db.schema().table("shadow_gadgets");
    assertThat(shadow.columns()).extracting(Column::name).containsExactly(columnNames(main));
    assertThat(shadow.column("qty").orElseThrow().type()).isEqualTo(SqlType.bigint());
    assertThat(shadow.column("note")).isEmpty();
    assertThat(main.indexes()).extracting(Index::name).contains("ix_gadgets_title");
    assertThat(shadow.indexes()).isEmpty();
    assertThat(shadow.uniqueConstraints()).isEmpty();
  }

  private static String[] columnNames(Table t) {
    return t.columns().stream().map(Column::name).toArray(String[]::new);
  }
}
