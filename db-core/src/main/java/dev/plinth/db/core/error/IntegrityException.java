package dev.plinth.db.core.error;

/**
 * A statement violated an integrity constraint. Subclasses say which kind; a violation the backend
 * does not identify further is reported as this class. {@link #table()} and {@link #constraint()}
 * are {@code null} where the backend does not report them.
 */
public class IntegrityException extends DbException {
  private static final long serialVersionUID = 1L;
  private final String table;
  private final String constraint;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception, or {@code null}
   */
  public IntegrityException(String message, Throwable cause) {
    this(message, cause, null, null);
  }

  /**
   * Creates the exception for a violation the backend locates.
   *
   * @param message the backend's message
   * @param cause the driver exception, or {@code null}
   * @param table the table whose row violated the constraint, or {@code null}
   * @param constraint the violated constraint's name, or {@code null}
   */
  protected IntegrityException(String message, Throwable cause, String table, String constraint) {
    super(message, cause);
    this.table = table;
    this.constraint = constraint;
  }

  /** The table whose row violated the constraint, or {@code null}. */
  public String table() {
    return table;
  }

  /** The violated constraint's name, or {@code null}. */
  public String constraint() {
    return constraint;
  }
}
