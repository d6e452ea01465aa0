package dev.plinth.db.core.softdelete;

import dev.plinth.db.core.dialect.Dialect;

/**
 * Whether a query wants live or soft-deleted rows, rendered as a WHERE fragment with the quoted
 * {@code deleted} column, as oslo.db's {@code model_query(deleted=...)} does:
 *
 * <pre>{@code
 * tx.query("SELECT name FROM items WHERE " + RowState.LIVE.sql(tx.dialect()), mapper);
 * }</pre>
 */
public enum RowState {
  /** Rows not soft-deleted: {@code deleted = 0}. */
  LIVE("= 0"),
  /** Soft-deleted rows: {@code deleted <> 0}. */
  DELETED("<> 0");

  private final String test;

  RowState(String test) {
    this.test = test;
  }

  /** The filter on oslo.db's {@code deleted} column, quoted for {@code dialect}. */
  public String sql(Dialect dialect) {
    return sql(dialect, SoftDeleteColumns.OSLO);
  }

  /**
   * The filter on the {@code deleted} column of {@code columns}, quoted for {@code dialect}.
   *
   * @throws IllegalArgumentException if the column name cannot be quoted
   */
  public String sql(Dialect dialect, SoftDeleteColumns columns) {
    return dialect.quote(columns.deleted()) + " " + test;
  }
}
