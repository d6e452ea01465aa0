package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.schema.Table;

/** A table the migrator keeps for itself, under the name its configuration gives. */
abstract class MigratorTable {
  private final String name;

  /**
   * Describes the table called {@code name}.
   *
   * @param name the table name, quoted by the dialect wherever it is used
   */
  MigratorTable(String name) {
    this.name = name;
  }

  /** The table's name. */
  final String name() {
    return name;
  }

  /** The table in the schema model, for creating it. */
  abstract Table model();
}
