package dev.plinth.db.migrate;

import java.util.List;

/**
 * A revision failed while running. Where the backend has transactional DDL and the revision ran in
 * a transaction, nothing of it was kept; otherwise (MySQL, or a revision with {@code transactional
 * = false}) {@link #committedStatements()} lists what stayed applied, and the version table still
 * names the last revision that completed. The message says which case applies.
 */
public class RevisionFailedException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final String revision;
  private final List<String> committedStatements;

  /**
   * Creates the exception.
   *
   * @param message names the revision, its file, the failing statement and what was kept
   * @param revision the failed revision's id
   * @param committedStatements the statements of the revision that stayed committed, in order
   * @param cause the failure
   */
  public RevisionFailedException(
      String message, String revision, List<String> committedStatements, Throwable cause) {
    super(message, cause);
    this.revision = revision;
    this.committedStatements = List.copyOf(committedStatements);
  }

  /** The failed revision's id. */
  public String revision() {
    return revision;
  }

  /** The statements of the failed revision that stayed committed; empty when none did. */
  public List<String> committedStatements() {
    return committedStatements;
  }
}
