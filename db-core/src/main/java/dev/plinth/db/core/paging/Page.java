package dev.plinth.db.core.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a keyset query.
 *
 * @param rows the mapped rows, in sort order
 * @param next the marker for the following page (the sort-key values of the last row), or empty
 *     when this page held fewer rows than the limit, so nothing follows
 * @param <T> the row type
 */
public record Page<T>(List<T> rows, Optional<Map<String, Object>> next) {
  /** Copies the rows into an unmodifiable list. */
  public Page {
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }
}
