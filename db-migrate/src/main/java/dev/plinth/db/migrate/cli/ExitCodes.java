package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.InvalidGraphException;
import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.MigrationLockTimeoutException;
import picocli.CommandLine.ParameterException;

/**
 * The exit codes of {@code plinth-migrate}, and the one place that maps an exception to one of
 * them.
 */
final class ExitCodes {
  /** Success. */
  static final int OK = 0;

  /** A database or migration failure: a failed revision, an edited applied file, no connection. */
  static final int FAILURE = 1;

  /**
   * Bad usage, an invalid revision graph or migration file, or a target that cannot be resolved.
   */
  static final int USAGE = 2;

  /** Another migrator held the migration lock longer than {@code --lock-timeout}. */
  static final int LOCKED = 3;

  private ExitCodes() {}

  /** The exit code for a command that failed with {@code e}. */
  static int of(Throwable e) {
    if (e instanceof MigrationLockTimeoutException) {
      return LOCKED;
    }
    if (e instanceof InvalidGraphException
        || e instanceof InvalidMigrationException
        || e instanceof UsageException
        || e instanceof ParameterException) {
      return USAGE;
    }
    return FAILURE;
  }
}
