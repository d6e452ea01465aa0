package dev.plinth.db.migrate;

/**
 * A migration source is malformed: a SQL file with a bad header or sections, a Java migration
 * without {@code @Revision}, an unreadable location. Nothing has run when this is thrown. CLI exit
 * code 2.
 */
public class InvalidMigrationException extends MigrationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the file (and line) at fault
   */
  public InvalidMigrationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message names the file at fault
   * @param cause the underlying failure
   */
  public InvalidMigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
