package dev.plinth.db.spring;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Where the {@link Database} bean and the start-up migration connect: Plinth's own pools when
 * {@code plinth.database.connection} is set (as {@code spring.flyway.url} gives Flyway its own
 * connection), else the application's one {@link DataSource}.
 */
final class DatabaseTarget {
  private static final String CONNECTION = "connection";

  private final DataSource dataSource;
  private final DatabaseConfig config;

  private DatabaseTarget(DataSource dataSource, DatabaseConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  /**
   * Chooses the target from the {@code plinth.database.*} options and the application's data
   * source.
   *
   * @param options the {@code plinth.database.*} options
   * @param dataSource the application's only {@code DataSource}, or {@code null}
   * @throws IllegalStateException if neither names a database, or if options other than the
   *     connection are given for the application's data source
   * @throws IllegalArgumentException if an option is unknown or invalid (the message names it)
   */
  static DatabaseTarget choose(Map<String, String> options, DataSource dataSource) {
    DatabaseConfig.Builder builder = DatabaseConfig.builder();
    // max-pool-size from YAML, max.pool.size from PLINTH_DATABASE_MAX_POOL_SIZE: oslo.db's name.
    options.forEach((key, value) -> builder.set(key.replace('-', '_').replace('.', '_'), value));
    boolean ownPools = options.keySet().stream().anyMatch(CONNECTION::equals);
    if (ownPools) {
      return new DatabaseTarget(null, builder.build());
    }
    if (dataSource == null) {
      throw new IllegalStateException(
          "Plinth has no database: the application has no single DataSource bean and"
              + " plinth.database.connection is not set; set spring.datasource.url or"
              + " plinth.database.connection");
    }
    if (!options.isEmpty()) {
      throw new IllegalStateException(
          "plinth.database."
              + options.keySet().iterator().next()
              + " configures pools Plinth builds, but plinth.database.connection is not set, so"
              + " Plinth runs on the application's DataSource; set plinth.database.connection or"
              + " remove the plinth.database options "
              + options.keySet());
    }
    return new DatabaseTarget(dataSource, null);
  }

  /** Builds a database here, letting {@code customizer} adjust the builder first. */
  Database open(Consumer<Database.Builder> customizer) {
    Database.Builder builder = Database.builder();
    if (dataSource != null) {
      builder.dataSource(dataSource);
    } else {
      builder.config(config);
    }
    customizer.accept(builder);
    return builder.build();
  }

  /** The configuration of Plinth's own pools, or empty on the application's data source. */
  Optional<DatabaseConfig> config() {
    return Optional.ofNullable(config);
  }
}
