package dev.plinth.db.core.error;

/**
 * The connection died while a transaction was committing and Plinth could not learn, within its
 * bound, whether the commit took effect: the transaction may have committed or not. Never retried
 * (a retry could apply the work twice); the caller decides, for example by reading what the
 * transaction would have written.
 */
public class CommitOutcomeUnknownException extends DbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is unknown and why
   * @param cause the failure of the commit, with the last failed look-up suppressed in it
   */
  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
