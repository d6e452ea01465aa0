package dev.plinth.db.core.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * The backend-neutral last resort of error translation: SQLSTATE classes as the SQL standard
 * defines them, and the JDBC connection-exception types. Dialects consult it after their own codes.
 */
public final class SqlStateClassifier {
  private SqlStateClassifier() {}

  /**
   * Translates by SQLSTATE class; never returns {@code null}.
   *
   * @param e the driver exception
   * @return the most specific exception the SQLSTATE allows, else a plain {@link DbException}
   */
  public static DbException classify(SQLException e) {
    String state = e.getSQLState();
    String message = String.valueOf(e.getMessage());
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || (state != null && state.startsWith("08"))) {
      return new DbConnectionException(message, e);
    }
    if (state == null) {
      return new DbException(message, e);
    }
    if (state.equals("40001")) {
      return new DeadlockException(message, e);
    }
    if (state.startsWith("22")) {
      return new DataException(message, e);
    }
    if (state.startsWith("23")) {
      return new IntegrityException(message, e);
    }
    if (state.startsWith("0A")) {
      return new DbNotSupportedException(message, e);
    }
    return new DbException(message, e);
  }
}
