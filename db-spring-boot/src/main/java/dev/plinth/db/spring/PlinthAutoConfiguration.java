package dev.plinth.db.spring;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.metrics.PlinthMeters;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures Plinth in a Spring Boot application: a {@link Database} bean on the application's
 * {@code DataSource} (or on Plinth's own pools from {@code plinth.database.*}), and the schema
 * upgraded to {@code plinth.migrate.target} before anything uses it.
 *
 * <p>The {@link Database} bean, {@code JdbcTemplate} and JPA are ordered after the {@link
 * PlinthMigrationInitializer} through Spring Boot's database-initialization detectors (registered
 * in {@code META-INF/spring.factories}), as Flyway's migration initializer is. Plinth closes the
 * pools it built when the context closes, never the application's {@code DataSource}.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Database.class)
@EnableConfigurationProperties(PlinthProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class PlinthAutoConfiguration {

  /** Spring instantiates auto-configuration classes. */
  public PlinthAutoConfiguration() {}

  /**
   * The application's {@link Database}, adjusted by every {@link PlinthDatabaseCustomizer}; closed
   * with the context.
   *
   * @throws IllegalStateException if no database is configured (the message says what to set)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Database plinthDatabase(
      PlinthProperties properties,
      ObjectProvider<DataSource> dataSource,
      ObjectProvider<PlinthDatabaseCustomizer> customizers) {
    return DatabaseTarget.choose(properties.database(), dataSource.getIfUnique())
        .open(builder -> customizers.orderedStream().forEach(c -> c.customize(builder)));
  }

  /**
   * Upgrades the schema at start-up unless {@code plinth.migrate.enabled=false}.
   *
   * @throws IllegalStateException if no database is configured (the message says what to set)
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "plinth.migrate.enabled", matchIfMissing = true)
  public PlinthMigrationInitializer plinthMigrationInitializer(
      PlinthProperties properties,
      ObjectProvider<DataSource> dataSource,
      ResourceLoader resourceLoader) {
    return new PlinthMigrationInitializer(
        DatabaseTarget.choose(properties.database(), dataSource.getIfUnique()),
        properties.migrate(),
        resourceLoader.getClassLoader());
  }

  /**
   * Binds Plinth's meters to the application's Micrometer registry, when Micrometer is on the class
   * path and the application has a registry: HikariCP's pool meters and Plinth's own (see the
   * guide's "Metrics").
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MetersConfiguration {

    /** A customizer that gives the {@code Database} bean the application's registry, if any. */
    @Bean
    PlinthDatabaseCustomizer plinthMeters(ObjectProvider<MeterRegistry> registry) {
      return builder -> registry.ifAvailable(r -> builder.metrics(PlinthMeters.of(r)));
    }
  }
}
