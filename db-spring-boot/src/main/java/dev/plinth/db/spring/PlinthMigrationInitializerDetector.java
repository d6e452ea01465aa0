package dev.plinth.db.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/** Tells Spring Boot that a {@link PlinthMigrationInitializer} bean initializes the database. */
final class PlinthMigrationInitializerDetector
    extends AbstractBeansOfTypeDatabaseInitializerDetector {

  @Override
  protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
    return Set.of(PlinthMigrationInitializer.class);
  }
}
