package dev.plinth.db.core.error;

/** A row failed a CHECK constraint. The table and constraint are {@code null} where unknown. */
public class CheckConstraintException extends IntegrityException {
  private static final long serialVersionUID = 1L;
  private final String table;
  private final String constraint;

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
    super(message, cause);
    this.table = table;
    this.constraint = constraint;
  }

  /** The table whose row failed the check, or {@code null}. */
  public String table() {
    return table;
  }

  /** The check constraint's name, or {@code null}. */
  public String constraint() {
    return constraint;
  }
}
