package dev.plinth.db.core.error;

/** The database could not be reached at start-up, after the configured connect retries. */
public class EngineStartException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message, or Plinth's description of the failure
   * @param cause the driver exception, or {@code null}
   */
  public EngineStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
