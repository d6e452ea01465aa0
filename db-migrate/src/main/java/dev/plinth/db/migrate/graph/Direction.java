package dev.plinth.db.migrate.graph;

/** Which way a {@link MigrationStep} moves the database. */
public enum Direction {
  /** Applies the revision's upgrade. */
  UPGRADE,
  /** Applies the revision's downgrade. */
  DOWNGRADE
}
