package dev.plinth.db.migrate.autogenerate;

import java.util.List;

/**
 * A table's primary key as a part a batch drops or creates; tables carry theirs as a column list.
 *
 * @param columns the key's columns, in order
 */
record PrimaryKey(List<String> columns) {
  /** Copies the columns. */
  PrimaryKey {
    columns = List.copyOf(columns);
  }
}
