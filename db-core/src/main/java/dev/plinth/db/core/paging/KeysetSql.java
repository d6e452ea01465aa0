package dev.plinth.db.core.paging;

import dev.plinth.db.core.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the ORDER BY and the marker filter of a keyset query.
 *
 * <p>Every nullable key is ordered by {@code (c IS NULL) DESC} (NULLs first) or {@code (c IS NOT
 * NULL) DESC} (NULLs last) before the key itself, which all three backends understand. The marker
 * filter is {@code OR_i (AND_{j<i} k_j = m_j AND k_i after m_i)} where NULL is treated as a value
 * in its place: {@code k = NULL} becomes {@code k IS NULL}; "after a non-NULL m" is {@code k > m}
 * (or {@code <} descending) plus {@code OR k IS NULL} when NULLs come last; "after NULL" is {@code
 * k IS NOT NULL} when NULLs come first and impossible when they come last.
 */
final class KeysetSql {
  private KeysetSql() {}

  /** The ORDER BY list, without the keywords. */
  static String orderBy(Dialect d, List<SortKey> keys, Set<String> nullable) {
    List<String> terms = new ArrayList<>();
    for (SortKey k : keys) {
      String c = d.quote(k.column());
      if (nullable.contains(k.column())) {
        terms.add(
            k.direction().nullsFirst()
                ? "(" + c + " IS NULL) DESC"
                : "(" + c + " IS NOT NULL) DESC");
      }
      terms.add(c + (k.direction().ascending() ? " ASC" : " DESC"));
    }
    return String.join(", ", terms);
  }

  /**
   * The condition that selects the rows after {@code marker}, appending its bind values to {@code
   * args}; {@code 1 = 0} when no row can follow.
   */
  static String after(
      Dialect d,
      List<SortKey> keys,
      Map<String, Object> marker,
      Set<String> nullable,
      List<Object> args) {
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      SortKey key = keys.get(i);
      Object m = marker.get(key.column());
      if (m == null && !key.direction().nullsFirst()) {
        continue;
      }
      List<String> terms = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        terms.add(equal(d, keys.get(j).column(), marker.get(keys.get(j).column()), args));
      }
      terms.add(beyond(d, key, m, nullable.contains(key.column()), args));
      alternatives.add("(" + String.join(" AND ", terms) + ")");
    }
    return alternatives.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", alternatives) + ")";
  }

  private static String equal(Dialect d, String column, Object m, List<Object> args) {
    if (m == null) {
      return d.quote(column) + " IS NULL";
    }
    args.add(m);
    return d.quote(column) + " = ?";
  }

  private static String beyond(
      Dialect d, SortKey key, Object m, boolean nullable, List<Object> args) {
    String c = d.quote(key.column());
    if (m == null) {
      return c + " IS NOT NULL";
    }
    args.add(m);
    String compare = c + (key.direction().ascending() ? " > ?" : " < ?");
    return nullable && !key.direction().nullsFirst()
        ? "(" + compare + " OR " + c + " IS NULL)"
        : compare;
  }
}
