package dev.plinth.db.testing;

/**
 * Implemented by a test class whose {@link AllBackends} databases need preparing before each test:
 * fixtures loaded, a schema created, settings applied. It runs once per provisioned database, after
 * provisioning (and after {@link Migrated} copying), before the test receives the database.
 */
public interface DatabaseInitializer {

  /**
   * Prepares {@code database} for the test about to run on it; what it opens with {@link
   * TestDatabase#open()} is closed when the test ends.
   */
  void initialize(TestDatabase database);
}
