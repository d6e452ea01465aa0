package dev.plinth.examples.inventory;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;

/** Brings a test database to the inventory's heads. */
final class Migrated {
  private Migrated() {}

  /** Migrates {@code db} to the heads and returns it. */
  static Database atHeads(Database db) {
    try (Migrator migrator = InventoryMigrations.migrator(db).build()) {
      migrator.upgrade("heads");
    }
    return db;
  }
}
