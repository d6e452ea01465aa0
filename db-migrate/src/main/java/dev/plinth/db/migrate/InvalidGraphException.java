package dev.plinth.db.migrate;

/**
 * The revisions do not form a valid graph (a cycle, an unknown down revision or dependency, a
 * duplicate id or label), or a target cannot be resolved on it (unknown or ambiguous revision,
 * {@code head} while there are several heads). Nothing has run when this is thrown. CLI exit code
 * 2.
 */
public class InvalidGraphException extends MigrationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the revisions (and their files) involved
   */
  public InvalidGraphException(String message) {
    super(message);
  }
}
