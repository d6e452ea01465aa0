package dev.plinth.db.migrate.runner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A transactional revision's statements sent to the server in one round trip, where the dialect
 * allows it (see {@link dev.plinth.db.core.dialect.Dialect#statementBatchSchemaQuery()}): the
 * transaction's settings not sent yet, a savepoint, the statements, the revision's bookkeeping when
 * it travels with them, and a query for the schema they leave, in one multi-statement string run as
 * the native client runs a script (escape processing off, every result drained). pgjdbc sends it
 * with one sync only while no statement but the last returns rows (it syncs around a query whose
 * row size it does not know), so the settings and the bookkeeping return none. A failure names no
 * statement, so the caller rolls back to {@link #SAVEPOINT} and runs them one by one.
 */
final class StatementBatch {
  /** The savepoint set before the statements, to roll back to when one fails. */
  static final String SAVEPOINT = "plinth_statements";

  /**
   * What a batch left.
   *
   * @param schema the schema the statements left the connection at
   * @param tailCount the update count of the bookkeeping statement, or -1 if there was none
   */
  record Result(String schema, int tailCount) {}

  private StatementBatch() {}

  /**
   * Runs {@code preamble}, then {@code statements} after a savepoint, then {@code tail} if not
   * null, then {@code schemaQuery}, on {@code connection}.
   *
   * @throws SQLException as the driver throws it for the first statement that failed
   */
  static Result run(
      Connection connection,
      List<String> preamble,
      List<String> statements,
      String schemaQuery,
      String tail)
      throws SQLException {
    // A statement may end in a line comment: each delimiter goes on a line of its own.
    StringBuilder sql = new StringBuilder();
    for (String setting : preamble) {
      sql.append(setting).append("\n;\n");
    }
    sql.append("SAVEPOINT ").append(SAVEPOINT);
    for (String statement : statements) {
      sql.append("\n;\n").append(statement);
    }
    if (tail != null) {
      sql.append("\n;\n").append(tail);
    }
    sql.append("\n;\n").append(schemaQuery);
    String schema = null;
    int beforeLast = -1;
    int last = -1;
    try (Statement s = connection.createStatement()) {
      s.setEscapeProcessing(false);
      boolean rows = s.execute(sql.toString());
      while (true) {
        int count = rows ? -1 : s.getUpdateCount();
        if (!rows && count == -1) {
          break;
        }
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              schema = rs.getString(1);
            }
          }
        }
        beforeLast = last;
        last = count;
        rows = s.getMoreResults();
      }
    }
    return new Result(schema, tail != null ? beforeLast : -1);
  }
}
