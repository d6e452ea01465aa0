package dev.plinth.db.migrate.cli;

/** The command line asks for something that cannot be done as asked; exit code 2. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what to do instead
   */
  public UsageException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong and what to do instead
   * @param cause the underlying failure
   */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
