package dev.plinth.db.core.paging;

import java.util.Objects;

/**
 * One column of a keyset sort.
 *
 * @param column the column, as the table declares it
 * @param direction its direction and NULL order
 */
public record SortKey(String column, SortDirection direction) {
  /**
   * Checks the parts.
   *
   * @throws NullPointerException if a part is null
   */
  public SortKey {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(direction, "direction");
  }
}
