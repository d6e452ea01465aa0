package dev.plinth.db.spring;

import dev.plinth.db.migrate.Migrator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code plinth.*} settings of a Spring Boot application.
 *
 * @param database Options of oslo.db's [database] section by their names (connection, max_pool_size
 *     or max-pool-size, ...), as DatabaseConfig reads them. With connection set, Plinth builds its
 *     own pools; without any, it runs on the application's DataSource.
 * @param migrate What happens to the schema at start-up.
 */
@ConfigurationProperties("plinth")
public record PlinthProperties(Map<String, String> database, @DefaultValue Migrate migrate) {

  /** Copies the options so that the record stays immutable. */
  public PlinthProperties {
    database = database == null ? Map.of() : Map.copyOf(database);
  }

  /**
   * The {@code plinth.migrate.*} settings, shaped like {@code spring.flyway.*}.
   *
   * @param enabled Whether to upgrade the schema while the application starts.
   * @param locations Where the revisions are: classpath:path or filesystem:DIR locations.
   * @param target What to upgrade to: heads, a revision id, label@head, ...
   * @param lockTimeout How long to wait for another instance's migration lock.
   * @param versionTable Name of the version table; its history table is named after it.
   */
  public record Migrate(
      @DefaultValue("true") boolean enabled,
      @DefaultValue(DEFAULT_LOCATION) List<String> locations,
      @DefaultValue("heads") String target,
      @DefaultValue("5m") Duration lockTimeout,
      @DefaultValue("plinth_version") String versionTable) {

    /** Where revisions are looked for when {@code plinth.migrate.locations} is not set. */
    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    /** Copies the locations so that the record stays immutable. */
    public Migrate {
      locations = List.copyOf(locations);
    }

    /**
     * Whether the locations are the default one and the class path has no {@code db/migration}
     * folder: a service without revisions, which start-up leaves alone as Flyway does.
     */
    boolean noDefaultLocation(ClassLoader loader) {
      return locations.equals(List.of(DEFAULT_LOCATION))
          && loader.getResource(DEFAULT_LOCATION.substring("classpath:".length())) == null;
    }

    /** A migrator builder with these settings, on {@code loader}'s revisions. */
    Migrator.Builder migrator(ClassLoader loader) {
      return Migrator.builder()
          .classLoader(loader)
          .locations(locations.toArray(String[]::new))
          .versionTable(versionTable)
          .lockTimeout(lockTimeout);
    }
  }
}
