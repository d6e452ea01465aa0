package dev.plinth.db.migrate;

import dev.plinth.db.core.schema.Schema;

/**
 * Registers a service's models, the db-core {@link Schema} of the tables its code uses, with the
 * migrator and the {@code plinth-migrate} CLI, as {@code target_metadata} does for Alembic. List
 * the implementation (public, with a public no-argument constructor) in {@code
 * META-INF/services/dev.plinth.db.migrate.ModelsProvider} of the service's jar; a migrator built
 * without {@link Migrator.Builder#models} loads every one its class loader lists.
 *
 * <p>The models are what {@link Migrator#compareModels()} and {@code plinth-migrate check} compare
 * with the live schema, and what the contract phase refuses to drop.
 */
@FunctionalInterface
public interface ModelsProvider {

  /** The tables the service's code declares. */
  Schema models();

  /**
   * Whether a table found in the database that no model declares is reported, as Alembic's {@code
   * include_name} hook decides for {@code alembic check}. Every such table is by default; a service
   * returns false for tables that are not its models' business (say db-archive's {@code shadow_*}
   * tables). The migrator's own version and history tables are never reported.
   *
   * @param table the table's name as the database reports it
   */
  default boolean includeTable(String table) {
    return true;
  }
}
