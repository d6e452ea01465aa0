package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.PhaseRefusedException;
import dev.plinth.db.testing.AllBackends;
import java.util.OptionalInt;

class MigrationsTest {

  @AllBackends
  void theHeadMatchesTheModelsAndTheShadowTables(Database db) {
    try (Migrator migrator = InventoryMigrations.migrator(db).build()) {
      assertThat(migrator.heads()).containsExactly(InventoryMigrations.DROP_ITEMS_TAGS);
      assertThat(migrator.upgrade("heads").revisionIds())
          .containsExactlyElementsOf(InventoryMigrations.REVISIONS);
      assertThat(migrator.compareModels().orElseThrow().differences()).isEmpty();
    }
    assertThat(ShadowTables.of(db).check()).isEmpty();
  }

  @AllBackends
  void sampleRowsSurviveTheWayUpAndTheContractsDowngrade(Database db) {
    InventorySampleData data = new InventorySampleData();
    try (Migrator migrator = InventoryMigrations.migrator(db).build()) {
      for (String revision : InventoryMigrations.REVISIONS) {
        db.writer().run(tx -> data.before().getOrDefault(revision, t -> {}).accept(tx));
        migrator.upgrade(revision);
        db.reader().run(tx -> data.after().getOrDefault(revision, t -> {}).accept(tx));
      }
      migrator.downgrade(InventoryMigrations.CREATE_TAGS);
      db.reader().run(data::checkCsvTagsAsFirstWritten);
    }
  }

  @AllBackends
  void theContractWaitsUntilTheOnlineDataMigrationHasMovedEveryCsvTag(Database db) {
    InventorySampleData data = new InventorySampleData();
    try (Migrator migrator = InventoryMigrations.migrator(db).build()) {
      migrator.upgrade(InventoryMigrations.CREATE_ITEMS);
      db.writer().run(data::insertItemsOfTheFirstRelease);
      migrator.upgrade(InventoryMigrations.QTY_NOT_NEGATIVE);

      assertThat(migrator.upgrade("heads", Phase.EXPAND).revisionIds())
          .containsExactly(InventoryMigrations.CREATE_TAGS);
      assertThatThrownBy(() -> migrator.upgrade("heads", Phase.CONTRACT))
          .isInstanceOf(PhaseRefusedException.class)
          .hasMessageContaining("inventory_tags_from_csv");
      assertThat(migrator.runOnlineDataMigrations(OptionalInt.empty()).exitCode()).isZero();
      assertThat(migrator.pendingOnlineDataMigrations()).isEmpty();
      assertThat(migrator.upgrade("heads", Phase.CONTRACT).revisionIds())
          .containsExactly(InventoryMigrations.DROP_ITEMS_TAGS);
      db.reader().run(data::checkTagsAreLinked);
      assertThat(migrator.pendingOnlineDataMigrations())
          .as("nothing to do once contracted")
          .isEmpty();
    }
  }
}
