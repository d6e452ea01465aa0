package dev.plinth.db.core.error;

/** A row failed a CHECK constraint. The table and constraint are {@code null} where unknown. */
public class CheckConstraintException extends IntegrityException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   * @param table the table, or {@code null}
   * @param constraint the check constraint's name, or {@code null}
   */
  public CheckConstraintException(
      String message, Throwable cause, String table, String constraint) {
    super(message, cause, table, constraint);
  }
}
