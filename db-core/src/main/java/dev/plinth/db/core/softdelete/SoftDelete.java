package dev.plinth.db.core.softdelete;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Soft-deletes the live rows of a table that match a predicate, in one UPDATE: each gets {@code
 * deleted = id} and {@code deleted_at = now} (UTC, as oslo.db's {@code utcnow()}), while {@code
 * updated_at} is written back unchanged. Because every deleted row gets a distinct {@code deleted}
 * value, {@code UNIQUE(name, deleted)} constrains live rows only and a name can be reused.
 *
 * <pre>{@code
 * int n = SoftDelete.of("items").where("project_id = ?", projectId).run(tx);
 * }</pre>
 *
 * <p>Instances are immutable; each method returns a new one.
 */
public final class SoftDelete {
  private final String table;
  private final SoftDeleteColumns columns;
  private final Clock clock;
  private final List<String> predicates;
  private final List<Object> args;

  private SoftDelete(
      String table,
      SoftDeleteColumns columns,
      Clock clock,
      List<String> predicates,
      List<Object> args) {
    this.table = table;
    this.columns = columns;
    this.clock = clock;
    this.predicates = List.copyOf(predicates);
    this.args = args;
  }

  /**
   * Starts a soft delete on {@code table}, with oslo.db's column names and the UTC system clock.
   *
   * @throws NullPointerException if {@code table} is null
   */
  public static SoftDelete of(String table) {
    Objects.requireNonNull(table, "table");
    return new SoftDelete(table, SoftDeleteColumns.OSLO, Clock.systemUTC(), List.of(), List.of());
  }

  /**
   * Restricts the rows to those matching {@code sql}, a caller-written WHERE fragment whose {@code
   * ?} placeholders are bound to {@code values}; several calls are joined with AND.
   */
  public SoftDelete where(String sql, Object... values) {
    Objects.requireNonNull(sql, "sql");
    List<String> p = new ArrayList<>(predicates);
    p.add(sql);
    List<Object> a = new ArrayList<>(args);
    a.addAll(Arrays.asList(values));
    return new SoftDelete(table, columns, clock, p, a);
  }

  /** Uses other column names than oslo.db's. */
  public SoftDelete columns(SoftDeleteColumns columns) {
    return new SoftDelete(table, Objects.requireNonNull(columns), clock, predicates, args);
  }

  /** Takes {@code deleted_at} from {@code clock}, read as local date-time (UTC by default). */
  public SoftDelete clock(Clock clock) {
    return new SoftDelete(table, columns, Objects.requireNonNull(clock), predicates, args);
  }

  /**
   * Runs the UPDATE in {@code tx}.
   *
   * @return the number of rows soft-deleted; rows already soft-deleted are never touched
   * @throws IllegalStateException if no {@link #where} was given (use {@code where("1 = 1")} to
   *     soft-delete every live row)
   * @throws IllegalArgumentException if the table or a column name cannot be quoted
   * @throws dev.plinth.db.core.error.DbException if the statement fails
   */
  public int run(Tx tx) {
    if (predicates.isEmpty()) {
      throw new IllegalStateException(
          "soft delete on " + table + " has no where(...): give one, or where(\"1 = 1\") for all");
    }
    List<Object> bound = new ArrayList<>();
    bound.add(now(clock));
    bound.addAll(args);
    return tx.update(sql(tx.dialect()), bound.toArray());
  }

  /** The UPDATE statement, for tests and logs. */
  String sql(Dialect dialect) {
    StringBuilder sql =
        new StringBuilder("UPDATE ")
            .append(dialect.quote(table))
            .append(" SET ")
            .append(columns.setClause(dialect))
            .append(" WHERE ")
            .append(RowState.LIVE.sql(dialect, columns));
    for (String p : predicates) {
      sql.append(" AND (").append(p).append(')');
    }
    return sql.toString();
  }

  /** The bind value for {@code deleted_at}: the clock's local date-time, without a zone. */
  static Timestamp now(Clock clock) {
    return Timestamp.valueOf(LocalDateTime.now(clock));
  }
}
