package dev.plinth.db.core.error;

/** A value did not fit its column: too long, out of range, wrong format or invalid encoding. */
public class DataException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message, or Plinth's description of the failure
   * @param cause the driver exception, or {@code null}
   */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
