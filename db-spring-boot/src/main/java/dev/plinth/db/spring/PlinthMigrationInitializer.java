package dev.plinth.db.spring;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Dialects;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Upgrades the schema when the application context starts, before the {@link Database} bean, a
 * {@code JdbcTemplate} or JPA is handed to anyone (Spring Boot's database-initialization ordering
 * makes them depend on this bean). It runs on a database of its own on the same target, closed when
 * the upgrade is done, so that nothing can reach the schema half-way. A failing revision fails
 * start-up with Plinth's message.
 */
public final class PlinthMigrationInitializer implements InitializingBean {
  private static final Logger LOG = LoggerFactory.getLogger(PlinthMigrationInitializer.class);

  private final DatabaseTarget target;
  private final PlinthProperties.Migrate settings;
  private final ClassLoader loader;
  private MigrationResult result;

  PlinthMigrationInitializer(
      DatabaseTarget target, PlinthProperties.Migrate settings, ClassLoader loader) {
    this.target = target;
    this.settings = settings;
    this.loader = loader;
  }

  /**
   * Upgrades to {@code plinth.migrate.target}; with the default location absent from the class
   * path, logs that there is nothing to run and does nothing.
   *
   * @throws dev.plinth.db.migrate.MigrationException if the revisions cannot be loaded or one fails
   * @throws IllegalStateException if the target is a SQLite memory database, which the upgrade's
   *     own connection would migrate and lose
   */
  @Override
  public void afterPropertiesSet() {
    if (settings.noDefaultLocation(loader)) {
      LOG.info(
          "no revisions: {} is not on the class path; set plinth.migrate.locations, or"
              + " plinth.migrate.enabled=false to silence this",
          PlinthProperties.Migrate.DEFAULT_LOCATION);
      return;
    }
    target.config().ifPresent(PlinthMigrationInitializer::refuseMemoryDatabase);
    try (Database db = target.open(builder -> {});
        Migrator migrator = settings.migrator(loader).database(db).build()) {
      result = migrator.upgrade(settings.target());
    }
    LOG.info(
        "schema at {} ({} revisions applied at start-up)",
        result.headsAfter(),
        result.revisionIds().size());
  }

  /** What the start-up upgrade did; empty when there was nothing to run. */
  public Optional<MigrationResult> result() {
    return Optional.ofNullable(result);
  }

  private static void refuseMemoryDatabase(DatabaseConfig config) {
    if (Dialects.forUrl(config.connection()).singleConnection(config.connection())) {
      throw new IllegalStateException(
          "plinth.database.connection names a memory database, which the start-up migration's own"
              + " connection would migrate and lose; use a file, or set"
              + " plinth.migrate.enabled=false and migrate through the Database bean");
    }
  }
}
