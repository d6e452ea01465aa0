package dev.plinth.db.core.error;

/** A statement named a table that does not exist. */
public class NoSuchTableException extends DbException {
  private static final long serialVersionUID = 1L;
  private final String table;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   * @param table the missing table, or {@code null} when the backend does not say
   */
  public NoSuchTableException(String message, Throwable cause, String table) {
    super(message, cause);
    this.table = table;
  }

  /** The missing table, or {@code null}. */
  public String table() {
    return table;
  }
}
