package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.RevisionInfo;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The history table: one row per revision run, stamp or checksum repair, with its checksum, start,
 * duration and outcome. Successful runs commit their row with the revision; failures are recorded
 * in a transaction of their own, since the revision's was rolled back. The checksum of a revision's
 * last successful upgrade (or repair) is what later runs compare its script with.
 */
final class HistoryTable extends MigratorTable {
  private static final String COLUMNS =
      "revision, direction, checksum, started_at, duration_ms, outcome";

  /** Describes the history table called {@code name}. */
  HistoryTable(String name) {
    super(name);
  }

  @Override
  Table model() {
    return Table.builder(name())
        .column(Column.of("id", SqlType.integer()).withAutoIncrement())
        .column(Column.of("revision", SqlType.varchar(RevisionInfo.MAX_ID_LENGTH)).notNull())
        .column(Column.of("direction", SqlType.varchar(16)).notNull())
        .column(Column.of("checksum", SqlType.varchar(128)))
        .column(Column.of("started_at", SqlType.timestamp()).notNull())
        .column(Column.of("duration_ms", SqlType.bigint()).notNull())
        .column(Column.of("outcome", SqlType.varchar(16)).notNull())
        .primaryKey("id")
        .build();
  }

  /**
   * Appends one row.
   *
   * @throws dev.plinth.db.core.error.DbException if it cannot be written
   */
  void record(Tx tx, HistoryEntry entry) {
    tx.update(insertSql(tx.dialect()), values(entry).toArray());
  }

  /**
   * Where the dialect allows it ({@link Dialect#dataModifyingWith()}) and one version row moves,
   * moves it and appends {@code entry} in one statement, {@code WITH moved AS (UPDATE ... RETURNING
   * 1) INSERT INTO history ... SELECT ... FROM moved}: one round trip instead of two, and the row
   * is appended only if the compare-and-set hit.
   *
   * @return false if nothing ran: the caller changes the version table and records the entry
   * @throws dev.plinth.db.migrate.MigrationException if the version table did not hold the row:
   *     another migrator changed it
   */
  boolean recordWithMove(
      Tx tx, VersionTable versions, Set<String> before, Set<String> after, HistoryEntry entry) {
    Dialect dialect = tx.dialect();
    List<VersionTable.RowChange> changes = versions.statements(dialect, before, after);
    if (!dialect.dataModifyingWith() || changes.size() != 1 || changes.get(0).mustHit() == null) {
      return false;
    }
    VersionTable.RowChange move = changes.get(0);
    List<Object> values = new ArrayList<>(move.values());
    values.addAll(values(entry));
    String sql =
        "WITH moved AS ("
            + move.sql()
            + " RETURNING 1) INSERT INTO "
            + dialect.quote(name())
            + " ("
            + COLUMNS
            + ") SELECT ?, ?, ?, ?, ?, ? FROM moved";
    if (tx.update(sql, values.toArray()) != 1) {
      throw versions.changedByOther(tx, move.mustHit(), before);
    }
    return true;
  }

  /**
   * The statement of {@link #recordWithMove} with its values written in, for sending in one round
   * trip with the statements the entry records (see {@link StatementBatch}), the tables qualified
   * by {@code schema}, since the statements may change the current one. The entry's duration is
   * {@code clientMillis} plus the dialect's {@link Dialect#transactionMillisExpression()}: the time
   * before the transaction began on the server, plus its time there.
   *
   * @return empty where {@link #recordWithMove} would not run, the move is not one {@code UPDATE}
   *     (a row added or removed: a first upgrade or a last downgrade), or the dialect has no such
   *     expression
   */
  Optional<String> recordWithMoveStatement(
      Dialect dialect,
      String schema,
      VersionTable versions,
      Set<String> before,
      Set<String> after,
      HistoryEntry entry,
      long clientMillis) {
    List<VersionTable.RowChange> changes = versions.statements(dialect, before, after);
    Optional<String> serverMillis = dialect.transactionMillisExpression();
    if (!dialect.dataModifyingWith()
        || changes.size() != 1
        || changes.get(0).mustHit() == null
        || changes.get(0).values().size() != 2
        || serverMillis.isEmpty()) {
      return Optional.empty();
    }
    List<String> move = changes.get(0).values();
    String prefix = dialect.quote(schema) + ".";
    return Optional.of(
        "WITH moved AS (UPDATE "
            + prefix
            + dialect.quote(versions.name())
            + " SET version_num = "
            + literal(move.get(0))
            + " WHERE version_num = "
            + literal(move.get(1))
            + " RETURNING 1) INSERT INTO "
            + prefix
            + dialect.quote(name())
            + " ("
            + COLUMNS
            + ") SELECT "
            + literal(entry.revision())
            + ", "
            + literal(entry.action().column())
            + ", "
            + entry.checksum().map(HistoryTable::literal).orElse("NULL")
            + ", TIMESTAMP "
            + literal(Timestamp.from(entry.startedAt()).toString())
            + ", "
            + clientMillis
            + " + "
            + serverMillis.get()
            + ", "
            + literal(entry.outcome().column())
            + " FROM moved");
  }

  /** A string literal as standard SQL writes it. */
  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static List<Object> values(HistoryEntry entry) {
    return Arrays.asList(
        entry.revision(),
        entry.action().column(),
        entry.checksum().orElse(null),
        Timestamp.from(entry.startedAt()),
        entry.durationMillis(),
        entry.outcome().column());
  }

  /**
   * Appends one row; six bind values: revision, direction, checksum, started_at, duration_ms,
   * outcome.
   */
  String insertSql(Dialect dialect) {
    return "INSERT INTO " + dialect.quote(name()) + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
  }

  /**
   * The checksum recorded at each revision's last successful upgrade or repair, for revisions that
   * have one.
   *
   * @throws dev.plinth.db.core.error.DbException if the table cannot be read
   */
  Map<String, String> recordedChecksums(Tx tx) {
    Map<String, String> checksums = new HashMap<>();
    tx.query(
            "SELECT revision, checksum FROM "
                + tx.dialect().quote(name())
                + " WHERE outcome = ? AND direction IN (?, ?) AND checksum IS NOT NULL"
                + " ORDER BY id",
            rs -> Map.entry(rs.getString(1), rs.getString(2)),
            HistoryEntry.Outcome.SUCCESS.column(),
            HistoryEntry.Action.UPGRADE.column(),
            HistoryEntry.Action.REPAIR.column())
        .forEach(e -> checksums.put(e.getKey(), e.getValue()));
    return checksums;
  }
}
