package dev.plinth.db.core.error;

/**
 * Root of every exception Plinth throws for database work. Each {@link java.sql.SQLException} and
 * MyBatis persistence exception that leaves Plinth is translated into this class or one of its
 * subclasses, so callers catch one unchecked hierarchy whatever the backend. The original driver
 * exception is kept as the cause.
 */
public class DbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and the original cause.
   *
   * @param message what went wrong, naming the thing at fault
   * @param cause the driver exception, or {@code null}
   */
  public DbException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what went wrong, naming the thing at fault
   */
  public DbException(String message) {
    super(message);
  }
}
