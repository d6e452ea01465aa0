package dev.plinth.db.testing;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.TxAction;
import dev.plinth.db.core.schema.SchemaDifference;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.ModelsProvider;
import dev.plinth.db.testing.kit.DataHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a {@link MigrationContract} tests: where the service's revisions are, its models, the
 * differences it accepts on purpose, its data hooks, and whether it archives. Built once by {@link
 * #builder()}; immutable.
 *
 * <pre>{@code
 * MigrationSetup.builder()
 *     .locations("classpath:db/migrations")
 *     .models(new InventoryModels())
 *     .before("3f2a9c1b7d4e", tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'bolt')"))
 *     .after("3f2a9c1b7d4e", tx -> assertThat(tx.count("SELECT id FROM items")).isEqualTo(1))
 *     .archives()
 *     .build();
 * }</pre>
 */
public final class MigrationSetup {
  private final List<String> locations;
  private final List<Consumer<Migrator.Builder>> customisers;
  private final Optional<ModelsProvider> models;
  private final Predicate<SchemaDifference> acceptedModelDifferences;
  private final Predicate<SchemaDifference> acceptedBackendDifferences;
  private final DataHooks hooks;
  private final boolean archives;

  private MigrationSetup(Builder b) {
    this.locations = List.copyOf(b.locations);
    this.customisers = List.copyOf(b.customisers);
    this.models = Optional.ofNullable(b.models);
    this.acceptedModelDifferences = b.acceptedModelDifferences;
    this.acceptedBackendDifferences = b.acceptedBackendDifferences;
    this.hooks = b.hooks;
    this.archives = b.archives;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A migrator of the service's revisions (and models, if given) on {@code db}, which the caller
   * keeps and closes.
   *
   * @throws dev.plinth.db.migrate.MigrationException if the revisions cannot be loaded
   */
  public Migrator migrator(Database db) {
    Migrator.Builder b = Migrator.builder().database(db);
    b.locations(locations.toArray(String[]::new));
    models.ifPresent(b::models);
    customisers.forEach(c -> c.accept(b));
    return b.build();
  }

  /** The locations given to {@link Builder#locations}, for messages. */
  public List<String> locations() {
    return locations;
  }

  /** The service's models, if given. */
  public Optional<ModelsProvider> models() {
    return models;
  }

  /** Differences between models and migrated schema that the service accepts. */
  public Predicate<SchemaDifference> acceptedModelDifferences() {
    return acceptedModelDifferences;
  }

  /** Differences between the schemas migrated on two backends that the service accepts. */
  public Predicate<SchemaDifference> acceptedBackendDifferences() {
    return acceptedBackendDifferences;
  }

  /** The data hooks of the walk. */
  public DataHooks hooks() {
    return hooks;
  }

  /** Whether the service archives, so its shadow tables must stay in step. */
  public boolean archives() {
    return archives;
  }

  /** Collects a {@link MigrationSetup}; {@link #build()} checks that revisions were named. */
  public static final class Builder {
    private final List<String> locations = new ArrayList<>();
    private final List<Consumer<Migrator.Builder>> customisers = new ArrayList<>();
    private ModelsProvider models;
    private Predicate<SchemaDifference> acceptedModelDifferences = d -> false;
    private Predicate<SchemaDifference> acceptedBackendDifferences = d -> false;
    private DataHooks hooks = DataHooks.none();
    private boolean archives;

    private Builder() {}

    /** Loads revisions from {@code filesystem:DIR} and {@code classpath:path} locations. */
    public Builder locations(String... locations) {
      for (String location : locations) {
        this.locations.add(Objects.requireNonNull(location, "location"));
      }
      return this;
    }

    /**
     * Adjusts each migrator the kit builds (scripts, class loader, version table, ...), after the
     * locations and models are set.
     */
    public Builder migrator(Consumer<Migrator.Builder> customiser) {
      customisers.add(Objects.requireNonNull(customiser, "customiser"));
      return this;
    }

    /** The service's models, compared by {@link MigrationContract#modelsMatchMigrations}. */
    public Builder models(ModelsProvider models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /** Accepts the differences between models and migrated schema that {@code filter} matches. */
    public Builder acceptModelDifferences(Predicate<SchemaDifference> filter) {
      acceptedModelDifferences =
          acceptedModelDifferences.or(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** Accepts the differences between two backends' schemas that {@code filter} matches. */
    public Builder acceptBackendDifferences(Predicate<SchemaDifference> filter) {
      acceptedBackendDifferences =
          acceptedBackendDifferences.or(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** Runs {@code hook} before {@code revision} (id or unambiguous prefix) is upgraded. */
    public Builder before(String revision, TxAction hook) {
      hooks = hooks.before(revision, hook);
      return this;
    }

    /** Runs {@code hook} after each upgrade of {@code revision} in the walk. */
    public Builder after(String revision, TxAction hook) {
      hooks = hooks.after(revision, hook);
      return this;
    }

    /** Declares that the service archives: every revision must keep its shadow tables in step. */
    public Builder archives() {
      archives = true;
      return this;
    }

    /**
     * Builds the setup.
     *
     * @throws IllegalArgumentException if neither locations nor a migrator customiser were given
     */
    public MigrationSetup build() {
      if (locations.isEmpty() && customisers.isEmpty()) {
        throw new IllegalArgumentException(
            "name the service's revisions: locations(\"classpath:db/migrations\") or"
                + " migrator(b -> b.scripts(...))");
      }
      return new MigrationSetup(this);
    }
  }
}
