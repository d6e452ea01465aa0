package dev.plinth.db.core.softdelete;

import dev.plinth.db.core.dialect.Dialect;
import java.util.Objects;

/**
 * The columns a soft-deletable table uses, after oslo.db's {@code SoftDeleteMixin} and {@code
 * TimestampMixin}: a live row has {@code deleted = 0}; a soft-deleted row has {@code deleted = id}
 * and {@code deleted_at} set, while {@code updated_at} keeps its value.
 *
 * @param id the primary-key column copied into {@code deleted}
 * @param deleted the integer column that is 0 while the row is live
 * @param deletedAt the timestamp column set to the time of deletion
 * @param updatedAt the timestamp column written back unchanged (so that MySQL's {@code ON UPDATE
 *     CURRENT_TIMESTAMP} does not fire), or {@code null} when the table has none
 */
public record SoftDeleteColumns(String id, String deleted, String deletedAt, String updatedAt) {

  /** oslo.db's names: {@code id}, {@code deleted}, {@code deleted_at}, {@code updated_at}. */
  public static final SoftDeleteColumns OSLO =
      new SoftDeleteColumns("id", "deleted", "deleted_at", "updated_at");

  /**
   * Checks the required names.
   *
   * @throws NullPointerException if {@code id}, {@code deleted} or {@code deletedAt} is null
   */
  public SoftDeleteColumns {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(deleted, "deleted");
    Objects.requireNonNull(deletedAt, "deletedAt");
  }

  /** The same columns for a table that has no {@code updated_at} column. */
  public SoftDeleteColumns withoutUpdatedAt() {
    return new SoftDeleteColumns(id, deleted, deletedAt, null);
  }

  /**
   * The SET list that soft-deletes a row: {@code deleted = id, deleted_at = ?[, updated_at =
   * updated_at]}, with one bind parameter for the time of deletion.
   *
   * @throws IllegalArgumentException if a column name cannot be quoted
   */
  String setClause(Dialect dialect) {
    String set =
        dialect.quote(deleted)
            + " = "
            + dialect.quote(id)
            + ", "
            + dialect.quote(deletedAt)
            + " = ?";
    if (updatedAt == null) {
      return set;
    }
    String u = dialect.quote(updatedAt);
    return set + ", " + u + " = " + u;
  }
}
