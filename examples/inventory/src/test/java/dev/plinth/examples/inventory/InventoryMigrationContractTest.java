package dev.plinth.examples.inventory;

import dev.plinth.db.testing.MigrationContract;
import dev.plinth.db.testing.MigrationSetup;

/**
 * The inventory's migrations under db-testing's built-in migration tests, on every backend: one
 * head, base to heads, every downgrade without trace, the snake walk with the sample rows, models
 * equal to the migrated schema, the same schema on every backend, shadow tables in step.
 */
class InventoryMigrationContractTest implements MigrationContract {

  @Override
  public MigrationSetup migrationSetup() {
    InventorySampleData data = new InventorySampleData();
    MigrationSetup.Builder setup =
        MigrationSetup.builder()
            .migrator(
                b ->
                    b.locations(InventoryMigrations.LOCATION)
                        .classLoader(InventoryMigrations.class.getClassLoader()))
            .models(new InventoryModels())
            .archives();
    data.before().forEach(setup::before);
    data.after().forEach(setup::after);
    return setup.build();
  }
}
