package dev.plinth.db.core.schema;

import java.util.List;

/**
 * A UNIQUE constraint declared with the table.
 *
 * @param name the constraint name, or {@code null} when unnamed (SQLite keeps no name for an
 *     unnamed one)
 * @param columns the constrained columns, in order
 */
public record UniqueConstraint(String name, List<String> columns) {

  /** Copies the column list. */
  public UniqueConstraint {
    columns = List.copyOf(columns);
  }

  /** A named unique constraint over {@code columns}. */
  public static UniqueConstraint of(String name, String... columns) {
    return new UniqueConstraint(name, List.of(columns));
  }
}
