package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.Migrated;
import dev.plinth.db.testing.MigratedDatabases;
import dev.plinth.db.testing.MigrationSet;
import dev.plinth.db.testing.TestDatabase;
import java.util.List;
import java.util.Set;

/**
 * What makes a database built from the inventory's models safe: it is the database its migrations
 * build. Both kinds come from db-testing's templates, on every backend, and compare equal table by
 * table (columns, keys, unique constraints, indexes, foreign keys, checks, shadow tables, version
 * and history tables) and in their version rows.
 */
class BuiltFromModelsTest {

  @AllBackends
  void aDatabaseBuiltFromTheModelsEqualsOneMigratedToTheHeads(Backend backend) {
    MigrationSet migrated = inventory().build();
    MigrationSet fromModels = inventory().fromModels().shadowTables().build();
    try (MigratedDatabases databases = MigratedDatabases.create();
        TestDatabase byRevisions = databases.copy(backend, migrated);
        TestDatabase byModels = databases.copy(backend, fromModels)) {
      Database a = byRevisions.open();
      Database b = byModels.open();
      Schema expected = schema(a);
      assertThat(expected.tables().keySet())
          .contains("items", "tags", "item_tags", "shadow_items", "plinth_version");
      assertThat(expected.diff(schema(b)).differences()).isEmpty();
      assertThat(versionRows(b)).isEqualTo(versionRows(a)).containsExactly(heads());
    }
  }

  @AllBackends
  void theAnnotationGivesACopyBuiltFromTheModelsAndStampedAtTheHeads(
      @Migrated(value = InventoryMigrations.LOCATION, fromModels = true, shadowTables = true)
          Database db) {
    assertThat(versionRows(db)).containsExactly(heads());
    List<String> history =
        db.reader()
            .call(tx -> tx.query("SELECT direction FROM plinth_history", rs -> rs.getString(1)));
    assertThat(history).containsExactly("from_models");
    Inventory inventory = new Inventory(db);
    inventory.add("bolt", 3, List.of("metal"));
    assertThat(inventory.namesTagged("metal")).containsExactly("bolt");
  }

  private static MigrationSet.Builder inventory() {
    return MigrationSet.builder()
        .locations(InventoryMigrations.LOCATION)
        .classLoader(InventoryMigrations.class.getClassLoader());
  }

  private static String heads() {
    return InventoryMigrations.DROP_ITEMS_TAGS;
  }

  private static Schema schema(Database db) {
    return db.reader().call(tx -> db.schema().readAll(tx));
  }

  private static Set<String> versionRows(Database db) {
    try (Migrator migrator = InventoryMigrations.migrator(db).build()) {
      return migrator.current();
    }
  }
}
