package dev.plinth.db.migrate.adopt;

import java.util.List;

/**
 * The version another migration tool recorded in the database.
 *
 * @param tool the tool
 * @param versions its version: Alembic's heads (one or more rows), Flyway's current version, or
 *     sqlalchemy-migrate's version number
 */
record ForeignVersion(Tool tool, List<String> versions) {

  ForeignVersion {
    versions = List.copyOf(versions);
  }

  /** The tools Plinth adopts from, in the order their tables are looked for. */
  enum Tool {
    ALEMBIC("alembic_version", "alembic"),
    FLYWAY("flyway_schema_history", "flyway"),
    MIGRATE("migrate_version", "migrate");

    private final String table;
    private final String key;

    Tool(String table, String key) {
      this.table = table;
      this.key = key;
    }

    /** The table the tool keeps its version in. */
    String table() {
      return table;
    }

    /** The prefix of the tool's keys in the mapping file. */
    String key() {
      return key;
    }
  }
}
