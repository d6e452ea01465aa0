package dev.plinth.db.migrate;

/**
 * A revision already applied to the database has been edited since: its script's checksum differs
 * from the one recorded when it was applied. It is reported rather than re-run, and nothing has run
 * when this is thrown.
 */
public class ChecksumMismatchException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final String revision;
  private final String recorded;
  private final String current;

  /**
   * Creates the exception, with a message naming the file, the revision, both checksums and what to
   * do next.
   *
   * @param revision the edited revision
   * @param recorded the checksum recorded when it was applied
   * @param current the checksum of the script as it is now
   */
  public ChecksumMismatchException(RevisionInfo revision, String recorded, String current) {
    super(
        revision.origin()
            + ": revision "
            + revision.id()
            + " was edited after it was applied (recorded checksum "
            + recorded
            + ", now "
            + current
            + "). Restore the file as it was applied and put the change in a new revision; if the"
            + " edit only changes what does not matter (comments, formatting) or the database"
            + " already has it, record the new checksum with `plinth-migrate repair`"
            + " (Migrator.repair()).");
    this.revision = revision.id();
    this.recorded = recorded;
    this.current = current;
  }

  /** The edited revision's id. */
  public String revision() {
    return revision;
  }

  /** The checksum recorded when the revision was applied. */
  public String recorded() {
    return recorded;
  }

  /** The checksum of the script as it is now. */
  public String current() {
    return current;
  }
}
