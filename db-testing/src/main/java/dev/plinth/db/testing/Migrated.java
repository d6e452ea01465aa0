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
}
