package dev.plinth.db.migrate.cli;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the database is, for both command lines: a picocli mixin of the top-level command whose
 * options every command inherits, and the one place that turns them into a {@link DatabaseConfig}.
 * Unlike a service, a command makes one connection attempt unless told to wait. Not a library API.
 */
public final class DatabaseOptions {
  /** The variable that names the database when neither {@code --url} nor a file does. */
  static final String CONNECTION_VARIABLE = "PLINTH_DATABASE_CONNECTION";

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "JDBC_URL",
      description =
          "Database, e.g. jdbc:postgresql://host/db; overrides database.connection of --config"
              + " and PLINTH_DATABASE_CONNECTION.")
  String url;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Properties file with database.* keys (database.connection=JDBC URL, pool and retry"
              + " settings) and plinth.* keys for the command-line options.")
  Path config;

  @Option(
      names = "--connect-retries",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      description =
          "Connection attempts to add after the first when the database does not answer (default"
              + " 0: fail at once; -1 waits without end; database.max_retries in --config or the"
              + " environment counts attempts in all).")
  Integer connectRetries;

  @Option(
      names = "--connect-retry-interval",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Pause between connection attempts: 500ms, 2s, PT1S (default: database.retry_interval,"
              + " 10s).")
  Duration connectRetryInterval;

  /** Creates the options; picocli fills them. */
  public DatabaseOptions() {}

  /**
   * Whether a database was named by {@code --url}, {@code --config} or {@code
   * PLINTH_DATABASE_CONNECTION}.
   *
   * @param environment usually {@code System.getenv()}
   */
  public boolean named(Map<String, String> environment) {
    return url != null || config != null || environment.get(CONNECTION_VARIABLE) != null;
  }

  /**
   * The database configuration: one connection attempt, then {@code --config}, the {@code
   * PLINTH_DATABASE_*} variables, {@code --url}, {@code --connect-retries} and {@code
   * --connect-retry-interval}, each overriding the ones before.
   *
   * @param environment usually {@code System.getenv()}
   * @throws UsageException if no database was named or a setting is invalid, naming it
   */
  public DatabaseConfig config(Map<String, String> environment) {
    if (!named(environment)) {
      throw new UsageException(
          "no database: give --url JDBC_URL, --config FILE or " + CONNECTION_VARIABLE);
    }
    try {
      DatabaseConfig.Builder b = DatabaseConfig.builder().maxRetries(1);
      if (config != null) {
        b.propertiesFile(config);
      }
      b.environment(environment);
      if (url != null) {
        b.connection(url);
      }
      if (connectRetries != null) {
        b.maxRetries(connectRetries < 0 ? -1 : connectRetries + 1);
      }
      if (connectRetryInterval != null) {
        b.retryInterval(connectRetryInterval);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("bad database settings: " + e.getMessage(), e);
    }
  }

  /**
   * Opens the database {@link #config} describes.
   *
   * @param environment usually {@code System.getenv()}
   * @throws UsageException if no database was named or a setting is invalid
   */
  public Database open(Map<String, String> environment) {
    return Database.builder().config(config(environment)).build();
  }
}
