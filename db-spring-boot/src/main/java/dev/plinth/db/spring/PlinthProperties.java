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
 * @param database oslo.db's {@code [database]} options by their names ({@code
 *     plinth.database.connection}, {@code plinth.database.max_pool_size}, …; {@code max-pool-size}
 *     works too), as {@link dev.plinth.db.core.DatabaseConfig} reads them; empty to run on the
 *     application's {@code DataSource}
 * @param migrate what happens to the schema at start-up
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
   * @param enabled whether to upgrade at start-up (default {@code true})
   * @param locations where the revisions are ({@code classpath:} or {@code filesystem:}; default
   *     {@code classpath:db/migration})
   * @param target what to upgrade to (default {@code heads})
   * @param lockTimeout how long to wait for another instance's migration lock (default 5 minutes)
   * @param versionTable the version table's name (default {@code plinth_version})
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
