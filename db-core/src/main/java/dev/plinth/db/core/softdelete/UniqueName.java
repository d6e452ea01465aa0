package dev.plinth.db.core.softdelete;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * oslo.db's name for a unique constraint, {@code uniq_<table>0<column>0<column>...}, which lets an
 * error handler name the columns of a violated constraint from the constraint's name alone. The
 * digit {@code 0} separates the parts, so a table name containing {@code 0} does not parse back to
 * the same table (oslo.db has the same limit); column names must not contain it either.
 *
 * @param table the constrained table
 * @param columns the constrained columns, in constraint order
 */
public record UniqueName(String table, List<String> columns) {
  private static final String PREFIX = "uniq_";

  /**
   * Checks and copies the parts.
   *
   * @throws IllegalArgumentException if there are no columns or a name is empty
   */
  public UniqueName {
    if (table == null || table.isEmpty()) {
      throw new IllegalArgumentException("a unique constraint name needs a table name");
    }
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("unique constraint on " + table + " has no columns");
    }
    columns = List.copyOf(columns);
    if (columns.contains("")) {
      throw new IllegalArgumentException("unique constraint on " + table + " has an empty column");
    }
  }

  /**
   * The name for a unique constraint on {@code columns} of {@code table}.
   *
   * @throws IllegalArgumentException if there are no columns or a name is empty
   */
  public static UniqueName of(String table, String... columns) {
    return new UniqueName(table, Arrays.asList(columns));
  }

  /**
   * Reads a constraint name back into table and columns, as oslo.db does for duplicate-entry
   * errors.
   *
   * @return the parts, or empty when {@code name} is not of the form {@code uniq_t0c[0c...]}
   */
  public static Optional<UniqueName> parse(String name) {
    if (name == null || !name.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = name.substring(PREFIX.length()).split("0", -1);
    if (parts.length < 2 || Arrays.asList(parts).contains("")) {
      return Optional.empty();
    }
    return Optional.of(new UniqueName(parts[0], Arrays.asList(parts).subList(1, parts.length)));
  }

  /** The constraint name, for example {@code uniq_items0name0deleted}. */
  public String constraintName() {
    return PREFIX + table + "0" + String.join("0", columns);
  }

  /** The constraint name, as {@link #constraintName()}. */
  @Override
  public String toString() {
    return constraintName();
  }
}
