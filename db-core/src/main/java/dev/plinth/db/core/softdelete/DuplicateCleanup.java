package dev.plinth.db.core.softdelete;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes duplicates before a unique constraint is added, as oslo.db's {@code
 * drop_old_duplicate_entries_from_table}: among the live rows ({@code deleted = 0}) that share the
 * values of the given columns, the one with the highest id is kept and the others are soft-deleted
 * or deleted. One set-based statement does the work, whatever the number of groups.
 *
 * <pre>{@code
 * DuplicateCleanup.of("items", "name", "deleted").softDelete(tx);
 * tx.update("CREATE UNIQUE INDEX uniq_items0name0deleted ON items (name, deleted)");
 * }</pre>
 *
 * <p>Rows with NULL in one of the columns are never treated as duplicates, since no backend's
 * unique constraint counts NULLs as equal (oslo.db compares them with {@code IS NULL} and would
 * remove them).
 */
public final class DuplicateCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(DuplicateCleanup.class);

  private final String table;
  private final List<String> keyColumns;
  private final SoftDeleteColumns columns;
  private final Clock clock;

  private DuplicateCleanup(
      String table, List<String> keyColumns, SoftDeleteColumns columns, Clock clock) {
    this.table = table;
    this.keyColumns = keyColumns;
    this.columns = columns;
    this.clock = clock;
  }

  /**
   * Prepares a clean-up of {@code table} for a unique constraint on {@code keyColumns}.
   *
   * @throws IllegalArgumentException if no column is given
   */
  public static DuplicateCleanup of(String table, String... keyColumns) {
    Objects.requireNonNull(table, "table");
    if (keyColumns.length == 0) {
      throw new IllegalArgumentException("duplicate clean-up on " + table + " needs key columns");
    }
    return new DuplicateCleanup(
        table, List.of(keyColumns), SoftDeleteColumns.OSLO, Clock.systemUTC());
  }

  /** Uses other column names than oslo.db's for id and soft-delete bookkeeping. */
  public DuplicateCleanup columns(SoftDeleteColumns columns) {
    return new DuplicateCleanup(table, keyColumns, Objects.requireNonNull(columns), clock);
  }

  /** Takes {@code deleted_at} from {@code clock} (UTC by default). */
  public DuplicateCleanup clock(Clock clock) {
    return new DuplicateCleanup(table, keyColumns, columns, Objects.requireNonNull(clock));
  }

  /**
   * Soft-deletes every live duplicate but the newest of its group.
   *
   * @return the number of rows soft-deleted
   * @throws IllegalArgumentException if a name cannot be quoted
   * @throws dev.plinth.db.core.error.DbException if the statement fails
   */
  public int softDelete(Tx tx) {
    Dialect d = tx.dialect();
    String sql =
        "UPDATE " + d.quote(table) + " SET " + columns.setClause(d) + " WHERE " + doomed(d);
    return logged("soft-deleted", tx.update(sql, SoftDelete.now(clock)));
  }

  /**
   * Deletes every live duplicate but the newest of its group.
   *
   * @return the number of rows deleted
   * @throws IllegalArgumentException if a name cannot be quoted
   * @throws dev.plinth.db.core.error.DbException if the statement fails
   */
  public int delete(Tx tx) {
    Dialect d = tx.dialect();
    return logged("deleted", tx.update("DELETE FROM " + d.quote(table) + " WHERE " + doomed(d)));
  }

  /**
   * {@code id IN (...)} selecting the live rows that have a newer live twin. The inner SELECT
   * DISTINCT is a derived table that MySQL must materialise, which is what lets an UPDATE or DELETE
   * there read the table it changes.
   */
  String doomed(Dialect d) {
    String t = d.quote(table);
    String id = d.quote(columns.id());
    String live = RowState.LIVE.sql(d, columns);
    String keys = keyColumns.stream().map(d::quote).collect(Collectors.joining(", "));
    String join =
        keyColumns.stream()
            .map(d::quote)
            .map(c -> "d." + c + " = k." + c)
            .collect(Collectors.joining(" AND "));
    String groups =
        "SELECT "
            + keys
            + ", MAX("
            + id
            + ") AS plinth_keep FROM "
            + t
            + " WHERE "
            + live
            + " GROUP BY "
            + keys
            + " HAVING COUNT(*) > 1";
    return id
        + " IN (SELECT plinth_id FROM (SELECT DISTINCT d."
        + id
        + " AS plinth_id FROM "
        + t
        + " d JOIN ("
        + groups
        + ") k ON "
        + join
        + " WHERE d."
        + live
        + " AND d."
        + id
        + " < k.plinth_keep) plinth_doomed)";
  }

  private int logged(String what, int rows) {
    LOG.info("{} {} duplicate row(s) of {} on ({})", what, rows, table, keyColumns);
    return rows;
  }
}
