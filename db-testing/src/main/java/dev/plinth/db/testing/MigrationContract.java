package dev.plinth.db.testing;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.testing.kit.CrossBackendSchema;
import dev.plinth.db.testing.kit.MigrationWalk;
import dev.plinth.db.testing.kit.ModelsMigrationsSync;
import dev.plinth.db.testing.kit.ShadowTablesSync;
import dev.plinth.db.testing.kit.SingleHead;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The migration tests every service gets by configuration alone, as oslo.db's test_migrations and
 * pytest-alembic give Python services: a test class implements this interface, says in {@link
 * #migrationSetup()} where its revisions and models are, and inherits seven tests, each run on
 * every available backend ({@link AllBackends}) on a fresh database:
 *
 * <pre>{@code
 * class InventoryMigrationsTest implements MigrationContract {
 *   @Override
 *   public MigrationSetup migrationSetup() {
 *     return MigrationSetup.builder()
 *         .locations("classpath:db/migrations")
 *         .models(new InventoryModels())
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * <p>Each failure is a one-line verdict followed by titled blocks (revision, error, differences)
 * and the next step. The tests' machinery is public in {@code dev.plinth.db.testing.kit} for tests
 * that need it without this interface.
 */
public interface MigrationContract {

  /** What to test: the service's revisions, models, accepted differences, hooks, archiving. */
  MigrationSetup migrationSetup();

  /**
   * The revision graph has one head; two heads mean work merged in the code but not in the graph.
   * The failure names each head and the {@code plinth-migrate merge} command that joins them.
   */
  @AllBackends
  default void singleHead(Database db) {
    try (Migrator migrator = migrationSetup().migrator(db)) {
      SingleHead.verify(migrator.graph(), migrationSetup().locations());
    }
  }

  /**
   * An empty database upgrades to the heads in one run, ending at exactly the heads with every
   * applied file matching its checksum. The failure names the revision that failed.
   */
  @AllBackends
  default void upgradesFromBaseToHeads(Database db) {
    try (Migrator migrator = migrationSetup().migrator(db)) {
      new MigrationWalk(db, migrator).upgradesFromBaseToHeads();
    }
  }

  /**
   * For every revision, the schema after its upgrade and downgrade is the schema before its
   * upgrade, so a downgrade is a real way back. The failure names the revision and each table,
   * column, index or constraint left behind or lost.
   */
  @AllBackends
  default void downgradeLeavesNoTrace(Database db) {
    try (Migrator migrator = migrationSetup().migrator(db)) {
      new MigrationWalk(db, migrator).downgradeLeavesNoTrace();
    }
  }

  /**
   * The snake walk with data: each revision is upgraded, downgraded and upgraded again, with the
   * setup's {@code before} hooks inserting rows and its {@code after} hooks checking them, so a
   * revision that loses or mangles rows fails, named.
   */
  @AllBackends
  default void walkWithData(Database db) {
    try (Migrator migrator = migrationSetup().migrator(db)) {
      new MigrationWalk(db, migrator).walkWithData(migrationSetup().hooks());
    }
  }

  /**
   * The schema the revisions build equals the models, but for the differences the setup accepts.
   * The failure lists every difference, naming table and column, index or constraint. Skipped when
   * the setup names no models.
   */
  @AllBackends
  default void modelsMatchMigrations(Database db) {
    MigrationSetup setup = migrationSetup();
    Assumptions.assumeTrue(setup.models().isPresent(), "the migration setup names no models");
    try (Migrator migrator = setup.migrator(db)) {
      migrator.upgrade("heads");
      ModelsMigrationsSync.verify(migrator, setup.acceptedModelDifferences());
    }
  }

  /**
   * The revisions build the same schema on this backend as on every other available one, after
   * normalising what backends spell their own way. The failure names the backends and each
   * difference.
   */
  @AllBackends
  default void sameSchemaOnEveryBackend(Backend backend, Database db, AvailableBackends available) {
    MigrationSetup setup = migrationSetup();
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Backend each : available.list()) {
      Database target = each == backend ? db : available.provision(each).open();
      try (Migrator migrator = setup.migrator(target)) {
        schemas.put(each.id(), CrossBackendSchema.migrated(target, migrator));
      }
    }
    CrossBackendSchema.verify(backend.id(), schemas, setup.acceptedBackendDifferences());
  }

  /**
   * For a service that archives, every revision leaves each {@code shadow_<table>} in step with its
   * table. The failure names the revision, the shadow table and each differing column. Skipped
   * unless the setup says the service {@link MigrationSetup.Builder#archives() archives}.
   */
  @AllBackends
  default void shadowTablesInStep(Database db) {
    MigrationSetup setup = migrationSetup();
    Assumptions.assumeTrue(setup.archives(), "the migration setup does not archive");
    try (Migrator migrator = setup.migrator(db)) {
      ShadowTablesSync.verify(db, migrator);
    }
  }
}
