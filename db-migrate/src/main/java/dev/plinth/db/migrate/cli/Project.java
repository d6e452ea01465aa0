package dev.plinth.db.migrate.cli;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Dialects;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.runner.MigrationRunner;
import dev.plinth.db.migrate.source.Location;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.migrate.source.MigrationSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The revisions and the database that the global options name: sources are loaded and the graph is
 * built on first use, and the database is only opened by {@link #migrator()}, so offline commands
 * never connect.
 */
final class Project {
  private static final String DEFAULT_LOCATION = "filesystem:migrations";

  private final Main options;
  private List<MigrationScript> scripts;
  private RevisionGraph graph;

  Project(Main options) {
    this.options = options;
  }

  /** The configured locations, in order. */
  List<Location> locations() {
    List<String> given = options.locations == null ? List.of(DEFAULT_LOCATION) : options.locations;
    List<Location> parsed = new ArrayList<>();
    for (String location : given) {
      parsed.add(Location.parse(location));
    }
    return parsed;
  }

  /**
   * The directory of the first {@code filesystem:} location, where new revisions are written.
   *
   * @throws UsageException if no location is a directory
   */
  Path directory() {
    return locations().stream()
        .filter(l -> l.kind() == Location.Kind.FILESYSTEM)
        .map(l -> Path.of(l.path()))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "no filesystem: location to write to: add one to --locations (e.g."
                        + " --locations filesystem:migrations)"));
  }

  /** Every revision's script, in declaration order. */
  List<MigrationScript> scripts() {
    if (scripts == null) {
      scripts = MigrationSources.load(locations(), Main.class.getClassLoader());
    }
    return scripts;
  }

  /** The scripts by revision id. */
  Map<String, MigrationScript> scriptsById() {
    Map<String, MigrationScript> byId = new LinkedHashMap<>();
    scripts().forEach(s -> byId.put(s.info().id(), s));
    return byId;
  }

  /** The validated revision graph. */
  RevisionGraph graph() {
    if (graph == null) {
      graph = RevisionGraph.of(scripts().stream().map(MigrationScript::info).toList());
    }
    return graph;
  }

  /** The version table's name. */
  String versionTable() {
    return options.versionTable == null ? "plinth_version" : options.versionTable;
  }

  /** The history table's name, derived from the version table's as the runner derives it. */
  String historyTable() {
    return MigrationRunner.historyTableFor(versionTable());
  }

  /** Whether a database was named by {@code --url}, {@code --config} or the environment. */
  boolean hasDatabase() {
    return options.database.named(System.getenv());
  }

  /**
   * The database configuration of the global options ({@link DatabaseOptions#config}).
   *
   * @throws UsageException if no database was named or the configuration is invalid
   */
  DatabaseConfig databaseConfig() {
    if (!hasDatabase()) {
      throw new UsageException(
          "this command needs a database: give --url JDBC_URL or --config FILE (offline, use"
              + " FROM:TO with --sql or --plan)");
    }
    return options.database.config(System.getenv());
  }

  /**
   * The backend to render offline SQL for: {@code explicit} if given, else the backend of the
   * configured URL, read without connecting.
   *
   * @throws UsageException if neither names a supported backend
   */
  Dialect dialect(Optional<String> explicit) {
    try {
      if (explicit.isPresent()) {
        return Dialects.forName(explicit.get());
      }
      if (hasDatabase()) {
        return Dialects.forUrl(databaseConfig().connection());
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    throw new UsageException(
        "offline SQL needs a backend: give --dialect sqlite|postgresql|mysql or --url JDBC_URL");
  }

  /**
   * Opens a migrator on the configured database with the loaded revisions.
   *
   * @throws UsageException if no database was named
   */
  Migrator migrator() {
    return migrator(b -> {});
  }

  /**
   * Opens a migrator as {@link #migrator()} does, with command-specific settings added.
   *
   * @throws UsageException if no database was named or a setting is invalid (exit 2)
   */
  Migrator migrator(Consumer<Migrator.Builder> settings) {
    Migrator.Builder b =
        Migrator.builder()
            .config(databaseConfig())
            .scripts(scripts())
            .versionTable(versionTable())
            .lockTimeout(options.lockTimeout == null ? Duration.ofMinutes(5) : options.lockTimeout)
            .endOrphans(options.endOrphaned);
    settings.accept(b);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
