package dev.plinth.db.migrate.runner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A transactional revision's statements sent to the server in one round trip, where the dialect
 * allows it (see {@link dev.plinth.db.core.dialect.Dialect#statementBatchSchemaQuery()}): a
 * savepoint, the statements, and a query for the schema they leave, in one multi-statement string
 * run as the native client runs a script (escape processing off, every result drained). A failure
 * names no statement, so the caller rolls back to {@link #SAVEPOINT} and runs them one by one.
 */
final class StatementBatch {
  /** The savepoint set before the statements, to roll back to when one fails. */
  static final String SAVEPOINT = "plinth_statements";

  private StatementBatch() {}

  /**
   * Runs {@code statements} on {@code connection} after a savepoint, then {@code schemaQuery}.
   *
   * @return the schema the statements left the connection at
   * @throws SQLException as the driver throws it for the first statement that failed
   */
  static String run(Connection connection, List<String> statements, String schemaQuery)
      throws SQLException {
    // A statement may end in a line comment: each delimiter goes on a line of its own.
    StringBuilder sql = new StringBuilder("SAVEPOINT ").append(SAVEPOINT);
    for (String statement : statements) {
      sql.append("\n;\n").append(statement);
    }
    sql.append("\n;\n").append(schemaQuery);
    String schema = null;
    try (Statement s = connection.createStatement()) {
      s.setEscapeProcessing(false);
      boolean rows = s.execute(sql.toString());
      while (rows || s.getUpdateCount() != -1) {
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              schema = rs.getString(1);
            }
          }
        }
        rows = s.getMoreResults();
      }
    }
    return schema;
  }
}
