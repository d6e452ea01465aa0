package dev.plinth.db.testing;

/**
 * Implemented by a test class whose {@link Migrated} annotation names no locations: it says which
 * migrations its databases are migrated with.
 */
public interface MigrationSetSource {

  /** The migrations this test class's {@link Migrated} databases are migrated with. */
  MigrationSet migrationSet();
}
