package dev.plinth.db.core.error;

/**
 * The server refused the credentials or the privilege: a wrong password, an unknown role or user,
 * no access to the database, or a missing grant. Never retried, at start-up or in a transaction:
 * another attempt with the same credentials gets the same answer.
 */
public class DbAccessDeniedException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   */
  public DbAccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
