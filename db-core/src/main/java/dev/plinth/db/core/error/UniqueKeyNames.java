package dev.plinth.db.core.error;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the columns out of a unique constraint named by oslo.db's convention {@code
 * uniq_<table>0<col1>0<col2>...}, so that {@code uniq_items0name0deleted} gives {@code [name,
 * deleted]} on every backend. MySQL 8.0.19 and later may report the key as {@code
 * items.uniq_items0name0deleted}; the table prefix is ignored.
 */
public final class UniqueKeyNames {
  private static final String PREFIX = "uniq_";

  private UniqueKeyNames() {}

  /**
   * Returns the columns encoded in a {@code uniq_} constraint name.
   *
   * @param keyName the constraint or key name as the backend reported it, or {@code null}
   * @return the columns in declaration order, or empty when the name does not follow the convention
   */
  public static Optional<List<String>> columns(String keyName) {
    if (keyName == null) {
      return Optional.empty();
    }
    String name = keyName.substring(keyName.lastIndexOf('.') + 1);
    if (!name.startsWith(PREFIX)) {
      return Optional.empty();
    }
    List<String> parts = Arrays.asList(name.substring(PREFIX.length()).split("0", -1));
    List<String> columns = parts.subList(1, parts.size());
    if (columns.isEmpty() || columns.contains("")) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(columns));
  }
}
