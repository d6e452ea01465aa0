package dev.plinth.db.migrate;

/**
 * An online-upgrade phase rule refused a revision before it ran: an expand revision needs a pending
 * revision that is not tagged {@code expand}; a contract revision has an expand revision below it
 * still pending, an online data migration that still finds rows to migrate, or would drop a table
 * or column that the service's models still declare. Nothing of the refused revision was kept;
 * revisions applied before it in the same upgrade stay applied.
 */
public class PhaseRefusedException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final String revision;

  /**
   * Creates the exception.
   *
   * @param revision the refused revision
   * @param message why, naming the revision, what blocks it and the next step
   */
  public PhaseRefusedException(String revision, String message) {
    super(message);
    this.revision = revision;
  }

  /** The refused revision. */
  public String revision() {
    return revision;
  }
}
