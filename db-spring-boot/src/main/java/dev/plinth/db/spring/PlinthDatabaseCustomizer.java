package dev.plinth.db.spring;

import dev.plinth.db.core.Database;

/**
 * Adjusts the builder of the auto-configured {@link Database} bean before it is built: MyBatis
 * mappers, a statement listener, a retry predicate, HikariCP settings for Plinth's own pools. Every
 * bean of this type is applied, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface PlinthDatabaseCustomizer {
  /** Adjusts {@code builder}. */
  void customize(Database.Builder builder);
}
