package dev.plinth.db.migrate.source;

import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a SQL migration, as the statement splitter cut it out.
 *
 * @param sql the statement text without its delimiter, trimmed
 * @param line the 1-based line of the file on which the statement starts
 * @param dataBlock the rows that follow a PostgreSQL {@code COPY ... FROM STDIN} in the script,
 *     each line ending with a newline, without the {@code \.} end line; empty for every other
 *     statement
 */
public record SqlStatement(String sql, int line, Optional<String> dataBlock) {

  /** Validates the fields. */
  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(dataBlock, "dataBlock");
    if (line < 1) {
      throw new IllegalArgumentException("line must be 1 or more: " + line);
    }
  }

  /** A statement without a data block. */
  public SqlStatement(String sql, int line) {
    this(sql, line, Optional.empty());
  }
}
