package dev.plinth.db.archive;

import dev.plinth.db.core.error.DbException;
import java.util.Optional;

/**
 * The archiver refused to touch a table (its shadow table is missing or has drifted, its keys are
 * not supported), or a batch found its tables changing under it. The message names the table and,
 * for drift, the column. When thrown at the end of a run that archived other tables, {@link
 * #result()} says what was done.
 */
public class ArchiveException extends DbException {
  private static final long serialVersionUID = 1L;

  private final transient ArchiveResult result;

  /**
   * Creates an exception without a result.
   *
   * @param message what was refused and why
   */
  public ArchiveException(String message) {
    super(message);
    this.result = null;
  }

  /**
   * Creates an exception for a run that refused some tables and archived the others.
   *
   * @param message what was refused and why
   * @param result what the run did with the tables it did not refuse
   */
  public ArchiveException(String message, ArchiveResult result) {
    super(message);
    this.result = result;
  }

  /** What the run did with the tables it did not refuse, when the refusal came at its end. */
  public Optional<ArchiveResult> result() {
    return Optional.ofNullable(result);
  }
}
