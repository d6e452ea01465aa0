package dev.plinth.db.core.paging;

import java.util.Locale;

/**
 * The direction of one sort key, with where NULLs go. The plain {@link #ASC} and {@link #DESC}
 * treat NULL as the smallest value (MySQL's and SQLite's default), so they equal {@link
 * #ASC_NULLS_FIRST} and {@link #DESC_NULLS_LAST}; Plinth spells the NULL order out in SQL, so
 * PostgreSQL (whose default differs) sorts the same way.
 */
public enum SortDirection {
  /** Ascending, NULLs first. */
  ASC("asc", true, true),
  /** Descending, NULLs last. */
  DESC("desc", false, false),
  /** Ascending, NULLs first. */
  ASC_NULLS_FIRST("asc-nullsfirst", true, true),
  /** Ascending, NULLs last. */
  ASC_NULLS_LAST("asc-nullslast", true, false),
  /** Descending, NULLs first. */
  DESC_NULLS_FIRST("desc-nullsfirst", false, true),
  /** Descending, NULLs last. */
  DESC_NULLS_LAST("desc-nullslast", false, false);

  private final String label;
  private final boolean ascending;
  private final boolean nullsFirst;

  SortDirection(String label, boolean ascending, boolean nullsFirst) {
    this.label = label;
    this.ascending = ascending;
    this.nullsFirst = nullsFirst;
  }

  /**
   * Parses oslo.db's spelling: {@code asc} or {@code desc}, optionally followed by {@code
   * -nullsfirst} or {@code -nullslast}; case does not matter.
   *
   * @throws IllegalArgumentException naming the direction if it is none of these
   */
  public static SortDirection parse(String direction) {
    if (direction != null) {
      String d = direction.trim().toLowerCase(Locale.ROOT);
      for (SortDirection s : values()) {
        if (s.label.equals(d)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown sort direction '"
            + direction
            + "': expected asc or desc, optionally with -nullsfirst or -nullslast");
  }

  /** oslo.db's spelling, for example {@code desc-nullsfirst}. */
  public String label() {
    return label;
  }

  /** Whether non-NULL values ascend. */
  public boolean ascending() {
    return ascending;
  }

  /** Whether NULLs come before every non-NULL value. */
  public boolean nullsFirst() {
    return nullsFirst;
  }
}
