package dev.plinth.db.core.error;

/**
 * A statement violated an integrity constraint. Subclasses say which kind; a violation the backend
 * does not identify further is reported as this class.
 */
public class IntegrityException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception, or {@code null}
   */
  public IntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
