package dev.plinth.db.core.error;

/** A NULL was written to a NOT NULL column. The backends name no constraint for it. */
public class NotNullException extends IntegrityException {
  private static final long serialVersionUID = 1L;
  private final String column;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   * @param table the table, or {@code null} when the backend does not say
   * @param column the column, or {@code null} when the backend does not say
   */
  public NotNullException(String message, Throwable cause, String table, String column) {
    super(message, cause, table, null);
    this.column = column;
  }

  /** The NOT NULL column, or {@code null}. */
  public String column() {
    return column;
  }
}
