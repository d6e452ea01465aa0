package dev.plinth.db.migrate;

import dev.plinth.db.core.error.DbException;

/**
 * Root of the exceptions db-migrate throws: invalid revision graphs and targets, bad migration
 * files, failed revisions, checksum mismatches, a lock not acquired in time. Messages name the
 * revision and file at fault and, where there is one, the next step.
 */
public class MigrationException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the revision and file
   */
  public MigrationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong, naming the revision and file
   * @param cause the underlying failure
   */
  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
