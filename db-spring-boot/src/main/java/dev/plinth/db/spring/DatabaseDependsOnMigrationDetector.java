package dev.plinth.db.spring;

import dev.plinth.db.core.Database;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Tells Spring Boot that every {@link Database} bean, the auto-configured one or the application's
 * own, needs the database initialized first, so that nobody receives it before the migration ran.
 */
final class DatabaseDependsOnMigrationDetector
    extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(Database.class);
  }
}
