package dev.plinth.db.archive.internal;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.softdelete.SoftDeleteColumns;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The WHERE condition that picks the soft-deleted rows of a table: {@code deleted <> 0}, and {@code
 * deleted_at < ?} when a cut-off is given. Timestamps are stored as UTC wall-clock time, as
 * oslo.db's {@code utcnow()} writes them, so the cut-off is bound the same way.
 *
 * @param sql the condition, identifiers quoted
 * @param args its bind values
 */
public record DeletedRowFilter(String sql, List<Object> args) {

  /** Copies the list. */
  public DeletedRowFilter {
    args = List.copyOf(args);
  }

  /**
   * The filter for {@code before} ({@code null}: every soft-deleted row).
   *
   * @throws IllegalArgumentException if a column name cannot be quoted
   */
  public static DeletedRowFilter of(Dialect dialect, Instant before) {
    String deleted = dialect.quote(SoftDeleteColumns.OSLO.deleted()) + " <> 0";
    if (before == null) {
      return new DeletedRowFilter(deleted, List.of());
    }
    return new DeletedRowFilter(
        deleted + " AND " + dialect.quote(SoftDeleteColumns.OSLO.deletedAt()) + " < ?",
        List.of(utcTimestamp(before)));
  }

  /** {@code instant} as the UTC wall-clock timestamp the database stores. */
  public static Timestamp utcTimestamp(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** The bind values as an array, for the {@code Tx} helpers. */
  public Object[] argArray() {
    return args.toArray();
  }
}
