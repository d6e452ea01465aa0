package dev.plinth.db.core.dialect;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.List;

/**
 * Renders schema-model tables and the changes made to them as one backend's DDL, identifiers quoted
 * by its dialect. A change the backend cannot make in place (most ALTERs on SQLite) throws {@link
 * dev.plinth.db.core.error.DbNotSupportedException}; callers rebuild the table instead.
 */
public interface DdlRenderer {

  /**
   * The statements that create {@code table}: CREATE TABLE with its columns, primary key, unique
   * constraints, foreign keys and checks, then one CREATE INDEX per index.
   *
   * @throws IllegalArgumentException if an identifier cannot be quoted
   */
  List<String> createTable(Table table);

  /**
   * Whether CREATE TABLE may declare a foreign key to a table that does not exist yet, so that
   * tables whose foreign keys form a cycle can be created with every key inline (SQLite, which
   * checks references only when rows change); elsewhere such keys are added by {@link
   * #addForeignKey} once both tables exist.
   */
  default boolean createTableMayReferenceLaterTables() {
    return false;
  }

  /**
   * The statement that drops the table called {@code name}.
   *
   * @throws IllegalArgumentException if the name cannot be quoted
   */
  String dropTable(String name);

  /**
   * This renderer adjusted to the server version {@code version} as the server reports it ({@code
   * 3.54.1}), for backends whose ALTER abilities grew over time; {@code null} means the newest.
   */
  default DdlRenderer forVersion(String version) {
    return this;
  }

  /**
   * {@code identifier} quoted as this renderer quotes names, for statements built around its DDL.
   *
   * @throws IllegalArgumentException if the identifier cannot be quoted
   */
  String quote(String identifier);

  /** The statement that renames table {@code from} to {@code to}. */
  String renameTable(String from, String to);

  /** The statement that adds {@code column} to {@code table}. */
  String addColumn(String table, Column column);

  /**
   * The statement that drops {@code column} from {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot drop a column
   */
  String dropColumn(String table, String column);

  /**
   * Whether {@link #dropColumn} also drops the indexes and constraints that use the column, as
   * PostgreSQL and MySQL do; SQLite refuses to drop such a column.
   */
  default boolean dropColumnDropsItsIndexes() {
    return true;
  }

  /**
   * The statements that turn column {@code from} of {@code table} into {@code to}: type, collation,
   * nullability, default and name.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot make the change
   *     in place
   */
  List<String> alterColumn(String table, Column from, Column to);

  /**
   * The statement that renames column {@code from} of {@code table} to {@code to}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot rename columns
   */
  String renameColumn(String table, String from, String to);

  /**
   * The statement that creates {@code index} on {@code table}, with its expressions and condition.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot hold such an
   *     index (a partial index on MySQL and MariaDB)
   */
  String createIndex(String table, Index index);

  /** The statement that drops the index {@code name} of {@code table}. */
  String dropIndex(String table, String name);

  /**
   * The statement that adds {@code unique} to {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if constraints cannot be added in
   *     place
   */
  String addUnique(String table, UniqueConstraint unique);

  /**
   * The statement that adds {@code foreignKey} to {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if constraints cannot be added in
   *     place
   */
  String addForeignKey(String table, ForeignKey foreignKey);

  /**
   * The statement that adds {@code check} to {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if constraints cannot be added in
   *     place
   */
  String addCheck(String table, CheckConstraint check);

  /**
   * The statement that drops the unique constraint {@code name} of {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if constraints cannot be dropped in
   *     place
   */
  String dropUnique(String table, String name);

  /**
   * The statement that drops the foreign key {@code name} of {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if constraints cannot be dropped in
   *     place
   */
  String dropForeignKey(String table, String name);

  /**
   * The statement that drops the check constraint {@code name} of {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if constraints cannot be dropped in
   *     place
   */
  String dropCheck(String table, String name);

  /**
   * The statement that drops the primary key of {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot drop it in place
   */
  String dropPrimaryKey(String table);

  /**
   * The statement that gives {@code table}, which has no primary key, one over {@code columns}.
   *
   * @param current the table's shape once its old key is gone, or {@code null} when unknown
   *     (offline)
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot add it in place,
   *     or cannot hold the table with that key (MySQL: an AUTO_INCREMENT column that no key would
   *     lead)
   */
  String addPrimaryKey(String table, List<String> columns, Table current);

  /**
   * {@code statements}, the in-place changes of one batch on {@code table}, with as many as the
   * backend allows combined into one statement; as they are by default. MySQL combines consecutive
   * ALTER TABLEs, so that a batch that fails half-way leaves nothing behind despite DDL committing
   * implicitly.
   */
  default List<String> combine(String table, List<String> statements) {
    return statements;
  }

  /**
   * {@code value} as an SQL literal, for offline scripts where no bind parameters exist: numbers as
   * they are, strings quoted and escaped, {@code null} as NULL.
   */
  String literal(Object value);

  /**
   * The statements that create {@code temp}, the empty copy of {@code target} that a move-and-copy
   * fills and then renames to {@code target.name()}: its columns and primary key, plus whatever of
   * its constraints this backend lets the copy declare without clashing with the names the original
   * table still holds.
   */
  List<String> createCopyTable(Table target, String temp);

  /**
   * The statements that complete a move-and-copy once the copy bears its final name: the
   * constraints and indexes {@link #createCopyTable} left out, and any generator positions.
   */
  List<String> completeCopyTable(Table target, String temp);

  /**
   * Whether foreign keys of other tables that point at a rebuilt table keep working without being
   * dropped and re-created around the rebuild (SQLite, whose references are by name and which
   * rebuilds with enforcement switched off).
   */
  default boolean rebuildKeepsIncomingForeignKeys() {
    return false;
  }
}
