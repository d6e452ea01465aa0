package dev.plinth.db.core.tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one statement of a SQL script the way the backend's command-line client does: as a plain
 * {@link Statement} with JDBC escape processing off, so no text is ever taken for a bind parameter
 * or an escape ({@code ?}, {@code ?|} and {@code {fn ...}} reach the server as written); every
 * result set is read to its end and dropped, every update count skipped; warnings are left on the
 * statement, as a client prints them and goes on.
 */
final class ScriptStatements {
  private ScriptStatements() {}

  /**
   * Runs {@code sql} on {@code connection} and drains all its results.
   *
   * @throws SQLException as the driver throws it; callers translate it through their dialect
   */
  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.setEscapeProcessing(false);
      boolean rows = s.execute(sql);
      while (rows || s.getUpdateCount() != -1) {
        if (rows) {
          try (ResultSet rs = s.getResultSet()) {
            while (rs.next()) {
              // the client prints the rows; a migration has no one to show them to
            }
          }
        }
        rows = s.getMoreResults();
      }
    }
  }
}
