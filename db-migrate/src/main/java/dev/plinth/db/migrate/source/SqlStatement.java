package dev.plinth.db.migrate.source;

import java.util.Objects;

/**
 * One statement of a SQL migration, as the statement splitter cut it out.
 *
 * @param sql the statement text without its delimiter, trimmed
 * @param line the 1-based line of the file on which the statement starts
 */
public record SqlStatement(String sql, int line) {

  /** Validates the fields. */
  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    if (line < 1) {
      throw new IllegalArgumentException("line must be 1 or more: " + line);
    }
  }
}
