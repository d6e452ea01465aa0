package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.it.migrate.MigrationState;
import dev.plinth.db.migrate.source.JavaMigration;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Migrated;
import dev.plinth.db.testing.MigrationSet;
import dev.plinth.db.testing.MigrationSetSource;
import java.util.List;

/**
 * A {@link MigrationSet} built from the models: each copy has the models' tables and the heads in
 * its version table, and no revision ran (the revision's seed row is absent).
 */
@Migrated
class FromModelsTemplateTest implements MigrationSetSource {
  private static final Schema MODELS =
      Schema.of(
          List.of(
              Table.builder("gadgets")
                  .column(Column.of("id", SqlType.integer()).notNull())
                  .column(Column.of("name", SqlType.varchar(20)).notNull())
                  .primaryKey("id")
                  .build()));

  @Override
  public MigrationSet migrationSet() {
    return MigrationSet.builder()
        .scripts(List.of(JavaMigration.of(new MigrationSetSourceTest.Gadgets())))
        .migrator(b -> b.models(MODELS))
        .fromModels()
        .build();
  }

  @AllBackends
  void theCopyHasTheModelsTablesAndTheHeadsButNoRevisionRan(Database db) {
    List<String> versions = MigrationState.versionRows(db);
    long gadgets = db.reader().call(tx -> tx.count("SELECT name FROM gadgets"));

    assertThat(versions).containsExactly("gadget1");
    assertThat(gadgets).as("the revision's seed row").isZero();
  }
}
