package dev.plinth.db.archive.internal;

import java.util.List;

/**
 * The keys of a table a keyset walk still has to cover: above {@code after} (exclusive; {@code
 * null}: from the first key) up to {@code until} (inclusive; {@code null}: no end).
 *
 * @param after the last key already covered, or {@code null}
 * @param until the last key to cover, or {@code null}
 */
public record KeyRange(Object after, Object until) {

  /** Every key of the table. */
  public static final KeyRange ALL = new KeyRange(null, null);

  /** The rest of this range once the keys up to {@code lastKey} are covered. */
  public KeyRange after(Object lastKey) {
    return new KeyRange(lastKey, until);
  }

  /**
   * The SQL condition on {@code quotedKey}, starting with {@code " AND "}, or empty for all keys.
   */
  String sql(String quotedKey) {
    return (after == null ? "" : " AND " + quotedKey + " > ?")
        + (until == null ? "" : " AND " + quotedKey + " <= ?");
  }

  /** Appends the bind values of {@link #sql(String)} to {@code args}. */
  void bind(List<Object> args) {
    if (after != null) {
      args.add(after);
    }
    if (until != null) {
      args.add(until);
    }
  }
}
