package dev.plinth.db.core.error;

/**
 * A foreign key was violated: a child row points at a missing parent, or a parent row that still
 * has children was deleted or changed. {@link #table()} is the table holding the foreign key and
 * {@link #constraint()} its name; every field is {@code null} where the backend does not report it
 * (SQLite reports none).
 */
public class ReferenceException extends IntegrityException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String keyTable;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   * @param table the table holding the foreign key, or {@code null}
   * @param constraint the foreign key's name, or {@code null}
   * @param key the key column(s) the backend names, or {@code null}
   * @param keyTable the other table the backend names, or {@code null}
   */
  public ReferenceException(
      String message,
      Throwable cause,
      String table,
      String constraint,
      String key,
      String keyTable) {
    super(message, cause, table, constraint);
    this.key = key;
    this.keyTable = keyTable;
  }

  /** The key column(s) the backend names (see the class comment), or {@code null}. */
  public String key() {
    return key;
  }

  /** The other table the backend names (see the class comment), or {@code null}. */
  public String keyTable() {
    return keyTable;
  }
}
