package dev.plinth.db.core.error;

/**
 * A transaction lost a deadlock, timed out waiting for a lock, failed serialization, or lost a
 * Galera certification; retrying the whole transaction may succeed.
 */
public class DeadlockException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message, or Plinth's description of the failure
   * @param cause the driver exception, or {@code null}
   */
  public DeadlockException(String message, Throwable cause) {
    super(message, cause);
  }
}
