package dev.plinth.db.spring;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Contributes the {@code plinth} health indicator when Spring Boot's health support is on the class
 * path; {@code management.health.plinth.enabled=false} turns it off.
 */
@AutoConfiguration(after = PlinthAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, Database.class})
@ConditionalOnBean(Database.class)
@ConditionalOnEnabledHealthIndicator("plinth")
public class PlinthHealthContributorAutoConfiguration {

  /** Spring instantiates auto-configuration classes. */
  public PlinthHealthContributorAutoConfiguration() {}

  /**
   * The indicator on the {@link Database} bean; it checks the version table against the revisions
   * at {@code plinth.migrate.locations} unless the default location is absent.
   *
   * @throws dev.plinth.db.migrate.MigrationException if the revisions cannot be loaded
   */
  @Bean
  @ConditionalOnMissingBean(name = "plinthHealthIndicator")
  public PlinthHealthIndicator plinthHealthIndicator(
      Database db, PlinthProperties properties, ResourceLoader resourceLoader) {
    PlinthProperties.Migrate settings = properties.migrate();
    ClassLoader loader = resourceLoader.getClassLoader();
    Optional<Migrator> migrator =
        settings.noDefaultLocation(loader)
            ? Optional.empty()
            : Optional.of(settings.migrator(loader).database(db).build());
    return new PlinthHealthIndicator(db, migrator, settings.target());
  }
}
