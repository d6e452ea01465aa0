package dev.plinth.db.core.error;

/** The backend does not support the requested feature or statement. */
public class DbNotSupportedException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message, or Plinth's description of the failure
   * @param cause the driver exception, or {@code null}
   */
  public DbNotSupportedException(String message, Throwable cause) {
    super(message, cause);
  }
}
