package dev.plinth.db.migrate;

/**
 * Another migrator held the database's migration lock for longer than the configured lock timeout.
 * Nothing has run. The message names the holder (PostgreSQL backend pid, client address and
 * application; MySQL connection id and host; SQLite process and host) so an operator can tell a
 * slow migration from a stuck one. Also thrown when the lock was taken but a killed migrator's
 * statement still ran on the server after the timeout; the message names that session, its
 * statement and since when (see {@code Migrator.Builder#endOrphans}). CLI exit code 3.
 */
public class MigrationLockTimeoutException extends MigrationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the lock, the time waited and the holder
   */
  public MigrationLockTimeoutException(String message) {
    super(message);
  }
}
