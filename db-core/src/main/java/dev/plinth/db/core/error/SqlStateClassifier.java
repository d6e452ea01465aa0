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
    DriverError error = new DriverError(e, e);
    DbException known = classifyKnown(error);
    return known != null ? known : new DbException(error.message(), e);
  }

  /**
   * Translates by SQLSTATE class and JDBC exception type.
   *
   * @param error the exception under examination
   * @return the matching exception, or {@code null} when neither says anything specific
   */
  public static DbException classifyKnown(DriverError error) {
    SQLException e = error.source();
    String state = error.sqlState();
    String message = error.message();
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || state.startsWith("08")) {
      return new DbConnectionException(message, error.thrown());
    }
    if (state.startsWith("28")) {
      return new DbAccessDeniedException(message, error.thrown());
    }
    if (state.equals("40001")) {
      return new DeadlockException(message, error.thrown());
    }
    if (state.startsWith("22")) {
      return new DataException(message, error.thrown());
    }
    if (state.startsWith("23")) {
      return new IntegrityException(message, error.thrown());
    }
    if (state.startsWith("0A")) {
      return new DbNotSupportedException(message, error.thrown());
    }
    return null;
  }
}
