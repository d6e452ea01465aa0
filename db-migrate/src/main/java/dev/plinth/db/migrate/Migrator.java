package dev.plinth.db.migrate;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.migrate.adopt.Adopter;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.models.ModelComparison;
import dev.plinth.db.migrate.models.RegisteredModels;
import dev.plinth.db.migrate.phase.OnlineUpgrade;
import dev.plinth.db.migrate.runner.MigrationRunner;
import dev.plinth.db.migrate.runner.ModelsInstaller;
import dev.plinth.db.migrate.source.Location;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.migrate.source.MigrationSources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs a project's revisions against one database, the way {@code alembic upgrade} does, safely
 * from many processes at once: one migrator at a time holds the database's migration lock, re-reads
 * the version table after taking it, and commits each revision with its version-table change.
 *
 * <pre>{@code
 * try (Migrator migrator = Migrator.builder().database(db).scripts(scripts).build()) {
 *   MigrationResult result = migrator.upgrade("heads");
 * }
 * }</pre>
 *
 * <p>Progress is logged at INFO per revision (id, message, duration).
 */
public final class Migrator implements AutoCloseable {
  private final Database db;
  private final boolean ownsDatabase;
  private final RevisionGraph graph;
  private final MigrationRunner runner;
  private final OnlineUpgrade online;
  private final Optional<Adopter> adopter;
  private final Optional<RegisteredModels> models;
  private final Set<String> ownTables;
  private final ModelsInstaller installer;

  private Migrator(Builder b, List<MigrationScript> scripts, Database db, boolean ownsDatabase) {
    this.db = db;
    this.ownsDatabase = ownsDatabase;
    Map<String, MigrationScript> byId = new LinkedHashMap<>();
    List<RevisionInfo> infos = new ArrayList<>();
    for (MigrationScript script : scripts) {
      byId.put(script.info().id(), script);
      infos.add(script.info());
    }
    this.graph = RevisionGraph.of(infos);
    this.adopter = Optional.ofNullable(b.adoption).map(m -> new Adopter(db, m, b.classLoader));
    this.models = b.models();
    Set<String> own = new HashSet<>(db.dialect().lockTables());
    own.add(b.versionTable);
    own.add(b.historyTable());
    this.ownTables = Set.copyOf(own);
    this.online =
        new OnlineUpgrade(db, graph, b.dataMigrations(), models.map(RegisteredModels::schema));
    this.runner =
        new MigrationRunner(
            db,
            graph,
            byId,
            b.versionTable,
            b.historyTable(),
            b.lockTimeout,
            b.endOrphans,
            online.guard());
    this.installer =
        new ModelsInstaller(
            db, graph, b.versionTable, b.historyTable(), b.lockTimeout, b.endOrphans);
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Upgrades to {@code target} ({@code heads}, {@code head}, {@code +N}, {@code label@head}, an id
   * or prefix), checking first that no applied script was edited.
   *
   * @throws ChecksumMismatchException if an applied script was edited; nothing has run
   * @throws RevisionFailedException if a revision fails; the message says what stayed applied
   * @throws MigrationLockTimeoutException if another migrator holds the lock past the timeout
   * @throws InvalidGraphException if the target cannot be resolved
   * @throws PhaseRefusedException if a contract revision is refused (see {@link #upgrade(String,
   *     Phase)}); the revisions before it stay applied
   */
  public MigrationResult upgrade(String target) {
    adoptIfForeign();
    return runner.upgrade(target, online.shaper(Optional.empty()));
  }

  /**
   * Runs one phase of an online upgrade towards {@code target}. {@link Phase#EXPAND} runs only the
   * pending revisions tagged {@code expand}, and refuses, before anything runs, when one of them
   * needs a pending revision that is not. {@link Phase#CONTRACT} runs every pending revision, and
   * refuses before anything runs when a contract revision has a pending expand revision below it or
   * a registered {@link OnlineDataMigration} still finds rows. In every upgrade, a contract
   * revision that would drop a table or column the registered models declare is refused.
   *
   * @throws PhaseRefusedException naming the refused revision and why
   * @throws ChecksumMismatchException if an applied script was edited; nothing has run
   * @throws RevisionFailedException if a revision fails; the message says what stayed applied
   * @throws MigrationLockTimeoutException if another migrator holds the lock past the timeout
   * @throws InvalidGraphException if the target cannot be resolved
   */
  public MigrationResult upgrade(String target, Phase phase) {
    adoptIfForeign();
    return runner.upgrade(target, online.shaper(Optional.of(phase)));
  }

  /**
   * Takes over a database that Alembic, Flyway or sqlalchemy-migrate managed, through the {@link
   * Builder#adoption mapping}: runs sqlalchemy-migrate's pending numbered legacy scripts, maps the
   * tool's version to Plinth revisions and writes them to the version table, recorded in the
   * history as an adoption. Upgrades do this themselves first when a mapping is set, the version
   * table is empty and another tool's version is found.
   *
   * @return the version table before (empty) and after
   * @throws MigrationException if no mapping was set, no other tool's version is found, the version
   *     has no mapping, a legacy script fails, or the version table is already populated
   * @throws InvalidGraphException if the mapping names an unknown revision
   * @throws MigrationLockTimeoutException if another migrator holds the lock past the timeout
   */
  public MigrationResult adopt() {
    Adopter a =
        adopter.orElseThrow(
            () -> new MigrationException("cannot adopt: no adoption mapping was given"));
    return runner.adopt(a::takeOver);
  }

  private void adoptIfForeign() {
    if (adopter.isPresent()
        && runner.current().isEmpty()
        && adopter.get().foreignVersionPresent()) {
      adopt();
    }
  }

  /**
   * Runs the registered online data migrations: one batch of {@code maxCount} rows when given, else
   * batches of 50 until nothing is left. Each call of a migration commits on its own; one that
   * throws is logged and the others go on.
   *
   * @throws IllegalArgumentException if {@code maxCount} is given and below 1
   */
  public OnlineMigrationReport runOnlineDataMigrations(OptionalInt maxCount) {
    return online.dataMigrations().run(maxCount);
  }

  /**
   * The names of the registered online data migrations that still find rows to migrate; asking
   * changes nothing.
   */
  public List<String> pendingOnlineDataMigrations() {
    return online.dataMigrations().pending();
  }

  /**
   * Downgrades to {@code target} ({@code base}, {@code -N}, {@code label@base}, an id or prefix).
   *
   * @throws RevisionFailedException if a revision fails; the message says what stayed applied
   * @throws MigrationLockTimeoutException if another migrator holds the lock past the timeout
   * @throws InvalidGraphException if the target cannot be resolved
   */
  public MigrationResult downgrade(String target) {
    return runner.downgrade(target);
  }

  /**
   * Sets the version table to {@code target} ({@code base} for empty) without running anything, as
   * {@code alembic stamp}; recorded in the history.
   *
   * @throws MigrationLockTimeoutException if another migrator holds the lock past the timeout
   * @throws InvalidGraphException if the target cannot be resolved
   */
  public MigrationResult stamp(String target) {
    return runner.stamp(target);
  }

  /**
   * Builds a new database straight from the registered models instead of running the revisions, as
   * Alembic's recipe for new installations ({@code create_all}, then {@code stamp head}): creates
   * every table the models declare, with its keys, unique constraints, checks, indexes and foreign
   * keys, in foreign-key order, creates the version and history tables, stamps the heads and
   * records that in the history, in one transaction where the backend has transactional DDL (on
   * MySQL, what a failure leaves is dropped again). Foreign keys that form a cycle are added after
   * the tables, or declared inline where the dialect allows a forward reference (SQLite). Safe when
   * the migration test kit's {@code modelsMatchMigrations} passes: the database is then the one the
   * revisions build. Shadow tables are db-archive's: create them afterwards with its {@code
   * ShadowTables.of(db).create()}.
   *
   * @return no revisions run, the version table before (empty) and after (the heads)
   * @throws MigrationException if no models are registered, the database already has a table of the
   *     models or a version table, or a foreign key references a table or column no model declares;
   *     nothing has run
   * @throws ModelsCreationException naming the table and the index or constraint that could not be
   *     created, and what stayed
   * @throws MigrationLockTimeoutException if another migrator holds the lock past the timeout
   */
  public MigrationResult createFromModels() {
    RegisteredModels registered =
        models.orElseThrow(
            () ->
                new MigrationException(
                    "cannot build the database from the models: none are registered; list a"
                        + " ModelsProvider in META-INF/services/"
                        + ModelsProvider.class.getName()
                        + " or give Migrator.builder().models(...)"));
    return installer.create(registered.schema());
  }

  /**
   * Accepts deliberate edits of applied scripts by recording their current checksums.
   *
   * @return the revisions whose checksum was re-recorded
   * @throws MigrationLockTimeoutException if another migrator holds the lock past the timeout
   */
  public List<String> repair() {
    return runner.repair();
  }

  /**
   * Checks that no applied SQL script was edited since it was applied, as {@link #upgrade} does
   * before it runs anything.
   *
   * @throws ChecksumMismatchException naming the first edited file and revision
   */
  public void verifyChecksums() {
    runner.verifyChecksums();
  }

  /**
   * Compares the registered models with the live schema, as {@code alembic check} does: tables,
   * columns (type, nullability, default, collation, auto-increment), primary keys, unique keys,
   * indexes, foreign keys and checks, in the words of {@link SchemaDiff}. A database table that no
   * model declares is a difference too, unless a {@link ModelsProvider#includeTable provider
   * excludes it}; the version and history tables are left out.
   *
   * @return the differences, empty when the models match; empty optional when no models were
   *     registered
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  public Optional<SchemaDiff> compareModels() {
    return compareModelsInDetail().map(ModelComparison::diff);
  }

  /**
   * Compares the registered models with the live schema as {@link #compareModels()} does, keeping
   * both schemas beside the differences: what {@code plinth-migrate revision --autogenerate} needs.
   *
   * @return the comparison; empty when no models were registered
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  public Optional<ModelComparison> compareModelsInDetail() {
    return models.map(
        m -> m.comparison(db.reader().call(tx -> db.schema().readAll(tx)), ownTables));
  }

  /** The version table's rows: the applied heads; empty for a database never migrated. */
  public Set<String> current() {
    return runner.current();
  }

  /** The heads of the revision graph. */
  public List<String> heads() {
    return graph.heads();
  }

  /** The validated revision graph of the revisions this migrator runs. */
  public RevisionGraph graph() {
    return graph;
  }

  /**
   * The tables the migrator keeps for itself, the version and history tables and the dialect's
   * {@link dev.plinth.db.core.dialect.Dialect#lockTables() lock tables}: not part of the service's
   * schema.
   */
  public Set<String> ownTables() {
    return ownTables;
  }

  /**
   * The revision ids an upgrade to {@code target} would run now, in order.
   *
   * @throws InvalidGraphException if the target cannot be resolved
   */
  public List<String> planUpgrade(String target) {
    return runner.planUpgrade(target);
  }

  /**
   * The revision ids a downgrade to {@code target} would run now, in order.
   *
   * @throws InvalidGraphException if the target cannot be resolved
   */
  public List<String> planDowngrade(String target) {
    return runner.planDowngrade(target);
  }

  /** Closes the database if this migrator opened it from a configuration. */
  @Override
  public void close() {
    if (ownsDatabase) {
      db.close();
    }
  }

  /** Collects a migrator's settings; {@link #build()} validates them and the revision graph. */
  public static final class Builder {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");

    private Database database;
    private DatabaseConfig config;
    private final List<MigrationScript> scripts = new ArrayList<>();
    private final List<Location> locations = new ArrayList<>();
    private ClassLoader classLoader = Migrator.class.getClassLoader();
    private String versionTable = "plinth_version";
    private Duration lockTimeout = Duration.ofMinutes(5);
    private boolean endOrphans;
    private final List<OnlineDataMigration> dataMigrations = new ArrayList<>();
    private ModelsProvider models;
    private AdoptionMapping adoption;

    private Builder() {}

    /**
     * Registers online data migrations, run in this order within a batch, before those the class
     * loader lists in {@code META-INF/services/dev.plinth.db.migrate.OnlineDataMigration}.
     */
    public Builder onlineDataMigrations(OnlineDataMigration... migrations) {
      this.dataMigrations.addAll(List.of(migrations));
      return this;
    }

    /** Maps another tool's versions to Plinth revisions, for {@link Migrator#adopt()}. */
    public Builder adoption(AdoptionMapping mapping) {
      this.adoption = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Registers the service's models, instead of the {@link ModelsProvider}s the class loader lists
     * in {@code META-INF/services}: {@link Migrator#compareModels()} compares them with the
     * database, and contract revisions that would drop one of their tables or columns are refused.
     */
    public Builder models(Schema models) {
      Objects.requireNonNull(models, "models");
      return models(() -> models);
    }

    /**
     * Registers the service's models through their provider, instead of those listed in {@code
     * META-INF/services}, keeping the provider's {@link ModelsProvider#includeTable} choice of the
     * database tables {@link Migrator#compareModels()} reports.
     */
    public Builder models(ModelsProvider provider) {
      this.models = Objects.requireNonNull(provider, "models");
      return this;
    }

    /** Migrates {@code db}, which the caller keeps and closes. */
    public Builder database(Database db) {
      this.database = db;
      return this;
    }

    /** Migrates the database {@code config} names; the migrator opens and closes it. */
    public Builder config(DatabaseConfig config) {
      this.config = config;
      return this;
    }

    /**
     * Loads revisions from {@code filesystem:DIR} and {@code classpath:path} locations (SQL files),
     * plus the Java migrations listed in {@code META-INF/services}, after any given by {@link
     * #scripts(List)}.
     *
     * @throws InvalidMigrationException if a location is malformed
     */
    public Builder locations(String... locations) {
      for (String location : locations) {
        this.locations.add(Location.parse(location));
      }
      return this;
    }

    /**
     * The class loader for {@code classpath:} locations and Java migrations (default: Migrator's).
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = loader;
      return this;
    }

    /** Adds revisions given as objects, for tests and embedding; in declaration order. */
    public Builder scripts(List<? extends MigrationScript> scripts) {
      this.scripts.addAll(scripts);
      return this;
    }

    /**
     * Names the version table (default {@code plinth_version}). The history table is named after
     * it: {@code plinth_version} → {@code plinth_history}, {@code app_version} → {@code
     * app_history}, any other name {@code <name>_history}.
     */
    public Builder versionTable(String name) {
      this.versionTable = name;
      return this;
    }

    /** How long to wait for another migrator's lock (default 5 minutes). */
    public Builder lockTimeout(Duration timeout) {
      this.lockTimeout = timeout;
      return this;
    }

    /**
     * Whether to end the work of a killed migrator that still runs on the server ({@code
     * pg_terminate_backend}, MySQL {@code KILL}) once the lock is taken, instead of waiting up to
     * the lock timeout for it to finish (default false: wait). Either way one WARN names it:
     * backend or connection id, statement and since when.
     */
    public Builder endOrphans(boolean end) {
      this.endOrphans = end;
      return this;
    }

    private List<OnlineDataMigration> dataMigrations() {
      List<OnlineDataMigration> all = new ArrayList<>(dataMigrations);
      ServiceLoader.load(OnlineDataMigration.class, classLoader).forEach(all::add);
      return all;
    }

    private Optional<RegisteredModels> models() {
      if (models != null) {
        return Optional.of(RegisteredModels.of(models));
      }
      return RegisteredModels.load(classLoader);
    }

    private String historyTable() {
      return MigrationRunner.historyTableFor(versionTable);
    }

    /**
     * Validates the settings and the revision graph, and opens the database if it was given as a
     * configuration.
     *
     * @throws IllegalArgumentException if no database or configuration was given, or a setting is
     *     invalid (the message names it)
     * @throws InvalidGraphException if the revisions do not form a valid graph
     * @throws InvalidMigrationException if a location or migration file is invalid
     * @throws MigrationException if a listed {@link ModelsProvider} cannot be loaded or two declare
     *     the same table
     */
    public Migrator build() {
      if ((database == null) == (config == null)) {
        throw new IllegalArgumentException("give the migrator either database(...) or config(...)");
      }
      if (!TABLE_NAME.matcher(versionTable).matches()) {
        throw new IllegalArgumentException(
            "versionTable '"
                + versionTable
                + "' must be a letter or underscore followed by at"
                + " most 47 letters, digits or underscores");
      }
      Objects.requireNonNull(lockTimeout, "lockTimeout");
      if (lockTimeout.isNegative()) {
        throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
      }
      List<MigrationScript> all = new ArrayList<>(scripts);
      if (!locations.isEmpty()) {
        all.addAll(MigrationSources.load(locations, classLoader));
      }
      if (database != null) {
        return new Migrator(this, all, database, false);
      }
      Database opened = Database.builder().config(config).build();
      try {
        return new Migrator(this, all, opened, true);
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
    }
  }
}
