package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The version table: one row per applied head, in a {@code version_num VARCHAR(32)} primary key,
 * exactly as Alembic's {@code alembic_version}. Every change is a compare-and-set from the rows the
 * plan expected, so a migrator that somehow runs without the lock fails instead of applying a
 * revision twice.
 */
final class VersionTable extends MigratorTable {
  /** Describes the version table called {@code name}. */
  VersionTable(String name) {
    super(name);
  }

  @Override
  Table model() {
    return Table.builder(name())
        .column(Column.of("version_num", SqlType.varchar(RevisionInfo.MAX_ID_LENGTH)).notNull())
        .primaryKey("version_num")
        .build();
  }

  /**
   * The rows of the version table, sorted.
   *
   * @throws dev.plinth.db.core.error.DbException if it cannot be read
   */
  Set<String> read(Tx tx) {
    return new TreeSet<>(
        tx.query("SELECT version_num FROM " + tx.dialect().quote(name()), rs -> rs.getString(1)));
  }

  /**
   * Rewrites every row with its own value: a change of nothing that still gives the transaction a
   * write to commit, so that a durable commit flushes the relaxed commits before it.
   */
  void rewrite(Tx tx) {
    String column = tx.dialect().quote("version_num");
    tx.update("UPDATE " + tx.dialect().quote(name()) + " SET " + column + " = " + column);
  }

  /**
   * Replaces the rows {@code before} by {@code after}, checking that the table held {@code before}:
   * runs {@link #statements} and fails if one of them missed the row it must hit.
   *
   * @throws MigrationException if the table did not hold the expected rows: another migrator
   *     changed it
   */
  void change(Tx tx, Set<String> before, Set<String> after) {
    for (RowChange change : statements(tx.dialect(), before, after)) {
      if (tx.update(change.sql(), change.values().toArray()) != 1 && change.mustHit() != null) {
        throw changedByOther(tx, change.mustHit(), before);
      }
    }
  }

  /**
   * The statements that replace the rows {@code before} by {@code after}, for the online runner and
   * the offline script alike. When one row moves (the usual step of a plan) that is one {@code
   * UPDATE}; otherwise a {@code DELETE} per removed revision, then an {@code INSERT} per added one.
   */
  List<RowChange> statements(Dialect dialect, Set<String> before, Set<String> after) {
    Set<String> removed = removed(before, after);
    Set<String> added = removed(after, before);
    String table = dialect.quote(name());
    if (removed.size() == 1 && added.size() == 1) {
      String from = removed.iterator().next();
      return List.of(
          new RowChange(
              "UPDATE " + table + " SET version_num = ? WHERE version_num = ?",
              List.of(added.iterator().next(), from),
              from));
    }
    List<RowChange> changes = new ArrayList<>();
    for (String revision : removed) {
      changes.add(
          new RowChange(
              "DELETE FROM " + table + " WHERE version_num = ?", List.of(revision), revision));
    }
    for (String revision : added) {
      changes.add(
          new RowChange(
              "INSERT INTO " + table + " (version_num) VALUES (?)", List.of(revision), null));
    }
    return changes;
  }

  MigrationException changedByOther(Tx tx, String missing, Set<String> expected) {
    return new MigrationException(
        "version table "
            + name()
            + " no longer holds "
            + missing
            + " (expected "
            + expected
            + ", found "
            + read(tx)
            + "): another migrator changed it; run again");
  }

  /** The rows of {@code from} that are not in {@code to}, sorted: deleted by a change. */
  private static Set<String> removed(Set<String> from, Set<String> to) {
    Set<String> removed = new TreeSet<>(from);
    removed.removeAll(to);
    return removed;
  }

  /**
   * Sets the table to exactly {@code heads}, whatever it held.
   *
   * @throws dev.plinth.db.core.error.DbException if it cannot be written
   */
  void replace(Tx tx, Set<String> heads) {
    change(tx, read(tx), heads);
  }

  /**
   * One statement of a change of the version table.
   *
   * @param sql the statement, with {@code ?} for each value
   * @param values the bind values, in order
   * @param mustHit the row the statement must hit, or null for an {@code INSERT}
   */
  record RowChange(String sql, List<String> values, String mustHit) {}
}
