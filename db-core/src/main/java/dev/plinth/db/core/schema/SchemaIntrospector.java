package dev.plinth.db.core.schema;

import dev.plinth.db.core.Tx;
import java.util.List;
import java.util.Optional;

/**
 * Reads the live schema of the connected database into the model; one implementation per backend,
 * supplied by its {@link dev.plinth.db.core.dialect.Dialect}. Only the current schema (PostgreSQL)
 * or database (MySQL) is read; SQLite's internal {@code sqlite_*} tables are skipped. Indexes that
 * the backend creates by itself for a primary key, a unique constraint or a foreign key are not
 * reported as indexes.
 */
public interface SchemaIntrospector {

  /**
   * The names of the user tables, sorted.
   *
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  List<String> tableNames(Tx tx);

  /**
   * Reads one table.
   *
   * @return the table, or empty when there is no such table
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  Optional<Table> table(Tx tx, String name);

  /**
   * The objects that a rebuild of {@code table} (drop, then rename a copy into its place) would
   * lose or break and that it re-creates from their own SQL: indexes on the table whose SQL a
   * rename must rewrite the backend's way or that the model cannot hold (SQLite's partial and
   * expression indexes, those with COLLATE or DESC), triggers on the table, and views and triggers
   * whose SQL names the table or such a view. In creation order, indexes first; empty where the
   * backend does not need them rebuilt.
   *
   * @throws dev.plinth.db.core.error.DbException if the catalogue cannot be read
   */
  default List<SchemaObject> dependents(Tx tx, String table) {
    return List.of();
  }
}
