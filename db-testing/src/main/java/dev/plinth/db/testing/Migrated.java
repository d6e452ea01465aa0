package dev.plinth.db.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link AllBackends} for a database already migrated to heads: a fresh copy, made in
 * milliseconds, of a template migrated once per JVM for each backend and migration set. On a {@link
 * TestDatabase} or {@link dev.plinth.db.core.Database} parameter, a test method, or a test class
 * (then for all its {@code @AllBackends} tests); the nearest annotation wins.
 *
 * <pre>{@code
 * @Migrated("classpath:db/migrations")
 * class ItemRepositoryTest {
 *   @AllBackends
 *   void findsByName(Database db) { ... }   // tables and version rows already there
 * }
 * }</pre>
 *
 * <p>{@code @Migrated(value = "classpath:db/migrations", fromModels = true)} asks for a database
 * built from the models instead, stamped at the heads, just as fast.
 *
 * <p>Without locations, the test class implements {@link MigrationSetSource} and gives a {@link
 * MigrationSet} (scripts as objects, a version table, a class loader).
 */
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Migrated {
  /**
   * SQL migration locations ({@code classpath:path}, {@code filesystem:DIR}); empty when the test
   * class implements {@link MigrationSetSource}.
   */
  String[] value() default {};

  /**
   * Builds the template straight from the registered models and stamps the heads instead of running
   * the revisions ({@link MigrationSet.Builder#fromModels()}): safe once the migration test kit's
   * {@code modelsMatchMigrations} passes. With locations only; a {@link MigrationSetSource} says so
   * on its set.
   */
  boolean fromModels() default false;

  /**
   * Creates the missing shadow tables once the template is at the heads ({@link
   * MigrationSet.Builder#shadowTables()}), for archiving services built from the models. With
   * locations only; a {@link MigrationSetSource} says so on its set.
   */
  boolean shadowTables() default false;
}
