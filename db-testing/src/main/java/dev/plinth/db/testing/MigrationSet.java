package dev.plinth.db.testing;

import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.source.Location;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.migrate.source.MigrationSources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The migrations a test wants its database migrated with: SQL locations (plus the Java migrations
 * the class loader lists, as {@link Migrator.Builder#locations} loads them), revisions given as
 * objects, and other migrator settings. {@link MigratedDatabases} migrates one template per backend
 * and set, recognised by its {@link #checksum()}, so an edited migration builds a new template. A
 * set may instead have its template built straight from the registered models and stamped at the
 * heads ({@link Builder#fromModels()}), which is safe once the migration test kit's {@code
 * modelsMatchMigrations} passes, and may add db-archive's shadow tables ({@link
 * Builder#shadowTables()}).
 *
 * <pre>{@code
 * MigrationSet set = MigrationSet.locations("classpath:db/migrations");
 * MigrationSet tuned = MigrationSet.builder()
 *     .locations("filesystem:src/main/resources/db/migrations")
 *     .migrator(b -> b.versionTable("app_version"))
 *     .build();
 * }</pre>
 */
public final class MigrationSet {
  private final List<String> locations;
  private final List<MigrationScript> scripts;
  private final ClassLoader classLoader;
  private final Consumer<Migrator.Builder> settings;
  private final boolean fromModels;
  private final boolean shadowTables;
  private volatile String checksum;

  private MigrationSet(Builder b) {
    this.locations = List.copyOf(b.locations);
    this.scripts = List.copyOf(b.scripts);
    this.classLoader = b.classLoader;
    this.settings = b.settings;
    this.fromModels = b.fromModels;
    this.shadowTables = b.shadowTables;
  }

  /**
   * A set of the SQL files under {@code locations} ({@code classpath:path}, {@code filesystem:DIR})
   * and the Java migrations listed in {@code META-INF/services}.
   *
   * @throws IllegalArgumentException if no location is given
   */
  public static MigrationSet locations(String... locations) {
    return builder().locations(locations).build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the set's revisions now, in declaration order: the given scripts, then the SQL files and
   * Java migrations of the locations.
   *
   * @throws dev.plinth.db.migrate.InvalidMigrationException if a location or file is invalid
   */
  public List<MigrationScript> load() {
    List<MigrationScript> all = new ArrayList<>(scripts);
    if (!locations.isEmpty()) {
      all.addAll(MigrationSources.load(parsedLocations(), classLoader));
    }
    return all;
  }

  /**
   * A migrator for {@code db} that runs {@code revisions} (as {@link #load()} returned them) with
   * this set's settings.
   */
  public Migrator migrator(Database db, List<MigrationScript> revisions) {
    Migrator.Builder b =
        Migrator.builder().database(db).classLoader(classLoader).scripts(revisions);
    settings.accept(b);
    return b.build();
  }

  /**
   * Brings the empty database {@code db} to the heads with {@code migrator} (one of {@link
   * #migrator}): runs the revisions, or builds the models and stamps the heads when the set is
   * {@link Builder#fromModels() built from the models}; then creates the missing shadow tables when
   * the set asks for {@link Builder#shadowTables() them}.
   *
   * @throws dev.plinth.db.migrate.MigrationException if a revision fails, or the models cannot be
   *     built; the message names the revision or the table
   */
  public void toHeads(Database db, Migrator migrator) {
    if (fromModels) {
      migrator.createFromModels();
    } else {
      migrator.upgrade("heads");
    }
    if (shadowTables) {
      ShadowTables.of(db).create();
    }
  }

  /**
   * A SHA-256 (hex) of everything that decides what this set migrates to: each revision given as an
   * object (id, down revisions, dependencies, checksum or class), the text of each SQL file under
   * the locations, each listed Java migration's class and id, the class of the migrator customiser
   * (each lambda has its own), and whether the template is built from the models and gets shadow
   * tables. Any edit gives another value. The files are read (not parsed) on the first call and the
   * value kept: a set is a snapshot, so build a new one to see files edited since.
   *
   * @throws dev.plinth.db.migrate.InvalidMigrationException if a location cannot be read
   */
  public String checksum() {
    String known = checksum;
    if (known == null) {
      known = computeChecksum();
      checksum = known;
    }
    return known;
  }

  private String computeChecksum() {
    MessageDigest digest = sha256();
    for (MigrationScript script : scripts) {
      update(digest, script.info().id());
      update(digest, String.join(",", script.info().downRevisions()));
      update(digest, String.join(",", script.info().dependsOn()));
      update(digest, script.checksum().orElse("class:" + script.info().origin()));
    }
    if (!locations.isEmpty()) {
      MigrationSources.sourceTexts(parsedLocations(), classLoader).forEach(t -> update(digest, t));
    }
    update(digest, settings.getClass().getName());
    update(digest, (fromModels ? "models" : "revisions") + (shadowTables ? "+shadows" : ""));
    return HexFormat.of().formatHex(digest.digest());
  }

  private List<Location> parsedLocations() {
    return locations.stream().map(Location::parse).toList();
  }

  private static void update(MessageDigest digest, String part) {
    digest.update(part.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "MigrationSet"
        + locations
        + (scripts.isEmpty() ? "" : " + " + scripts.size() + " scripts")
        + (fromModels ? " built from the models" : "")
        + (shadowTables ? " with shadow tables" : "");
  }

  /** Collects a set; {@link #build()} checks that it names at least one revision source. */
  public static final class Builder {
    private final List<String> locations = new ArrayList<>();
    private final List<MigrationScript> scripts = new ArrayList<>();
    private ClassLoader classLoader = MigrationSet.class.getClassLoader();
    private Consumer<Migrator.Builder> settings = b -> {};
    private boolean fromModels;
    private boolean shadowTables;

    private Builder() {}

    /**
     * Builds the template straight from the models the migrator has registered ({@link
     * Migrator#createFromModels()}) instead of running the revisions; it is stamped at the heads
     * all the same. The revisions are still loaded, for the heads. Safe once the migration test
     * kit's {@code modelsMatchMigrations} passes for these migrations and models.
     */
    public Builder fromModels() {
      this.fromModels = true;
      return this;
    }

    /**
     * Creates the missing shadow tables with db-archive's {@link ShadowTables} once the template is
     * at the heads, as an archiving service's database built from the models needs (migrations
     * usually create them themselves).
     */
    public Builder shadowTables() {
      this.shadowTables = true;
      return this;
    }

    /** Adds {@code classpath:path} or {@code filesystem:DIR} locations of SQL migrations. */
    public Builder locations(String... locations) {
      for (String location : locations) {
        this.locations.add(Objects.requireNonNull(location, "location"));
      }
      return this;
    }

    /** Adds revisions given as objects, before those of the locations. */
    public Builder scripts(List<? extends MigrationScript> scripts) {
      this.scripts.addAll(scripts);
      return this;
    }

    /** The class loader for {@code classpath:} locations and Java migrations. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "classLoader");
      return this;
    }

    /**
     * Adjusts the migrator (version table, online data migrations, lock timeout) before it runs;
     * revisions come from {@link #locations} and {@link #scripts} only, so that the template key
     * covers them. A different customiser (another lambda) makes a different template.
     */
    public Builder migrator(Consumer<Migrator.Builder> settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Builds the set.
     *
     * @throws IllegalArgumentException if neither locations nor scripts were given
     */
    public MigrationSet build() {
      if (locations.isEmpty() && scripts.isEmpty()) {
        throw new IllegalArgumentException(
            "a MigrationSet needs locations(...) or scripts(...) to migrate with");
      }
      return new MigrationSet(this);
    }
  }
}
