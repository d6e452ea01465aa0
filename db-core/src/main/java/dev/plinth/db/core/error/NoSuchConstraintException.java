package dev.plinth.db.core.error;

/** A statement named a constraint that does not exist, typically when dropping it. */
public class NoSuchConstraintException extends DbException {
  private static final long serialVersionUID = 1L;
  private final String table;
  private final String constraint;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   * @param table the table, or {@code null}
   * @param constraint the missing constraint, or {@code null}
   */
  public NoSuchConstraintException(
      String message, Throwable cause, String table, String constraint) {
    super(message, cause);
    this.table = table;
    this.constraint = constraint;
  }

  /** The table, or {@code null}. */
  public String table() {
    return table;
  }

  /** The missing constraint, or {@code null}. */
  public String constraint() {
    return constraint;
  }
}
