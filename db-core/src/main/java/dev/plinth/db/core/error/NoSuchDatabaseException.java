package dev.plinth.db.core.error;

/** The database (catalog) named in the URL or a statement does not exist. */
public class NoSuchDatabaseException extends DbException {
  private static final long serialVersionUID = 1L;
  private final String database;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   * @param database the missing database, or {@code null} when the backend does not say
   */
  public NoSuchDatabaseException(String message, Throwable cause, String database) {
    super(message, cause);
    this.database = database;
  }

  /** The missing database, or {@code null}. */
  public String database() {
    return database;
  }
}
