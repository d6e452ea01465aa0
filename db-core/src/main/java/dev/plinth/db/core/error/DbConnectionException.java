package dev.plinth.db.core.error;

/**
 * The connection to the database failed or was lost; retrying the whole transaction on a new
 * connection may succeed.
 */
public class DbConnectionException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message, or Plinth's description of the failure
   * @param cause the driver exception, or {@code null}
   */
  public DbConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
