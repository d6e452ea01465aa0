package dev.plinth.db.core.schema;

import java.util.List;

/**
 * An index created with CREATE INDEX. Indexes the backend creates by itself to back a primary key,
 * a unique constraint or (on MySQL) a foreign key are not reported as indexes.
 *
 * @param name the index name
 * @param columns the indexed columns, in order
 * @param unique whether the index is UNIQUE
 */
public record Index(String name, List<String> columns, boolean unique) {

  /** Copies the column list. */
  public Index {
    columns = List.copyOf(columns);
  }

  /** A non-unique index. */
  public static Index of(String name, String... columns) {
    return new Index(name, List.of(columns), false);
  }

  /** A unique index. */
  public static Index unique(String name, String... columns) {
    return new Index(name, List.of(columns), true);
  }
}
