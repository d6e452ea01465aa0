package dev.plinth.db.core.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Helpers for the rows that catalogue queries return, one row per column of a key or index. */
public final class CatalogRows {
  private CatalogRows() {}

  /**
   * Splits {@code rows}, already ordered by key, into runs of rows with equal keys, keeping order:
   * one run per index or constraint.
   */
  public static <R, K> List<List<R>> groupConsecutive(List<R> rows, Function<R, K> key) {
    List<List<R>> groups = new ArrayList<>();
    List<R> current = null;
    K currentKey = null;
    for (R row : rows) {
      K k = key.apply(row);
      if (current == null || !Objects.equals(k, currentKey)) {
        current = new ArrayList<>();
        groups.add(current);
        currentKey = k;
      }
      current.add(row);
    }
    return groups;
  }
}
