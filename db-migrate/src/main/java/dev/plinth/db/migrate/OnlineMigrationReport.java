package dev.plinth.db.migrate;

import java.util.List;

/**
 * What a run of the online data migrations did, per migration, with the exit code Nova's {@code
 * nova-manage db online_data_migrations} gives for the same outcome.
 *
 * @param counts one entry per migration that ran, sorted by name
 * @param limited whether a maximum count was given (one batch) rather than running to completion
 * @param doneInLastBatch rows migrated, over all migrations, in the last batch
 * @param failed whether a migration threw in the last batch
 */
public record OnlineMigrationReport(
    List<Count> counts, boolean limited, long doneInLastBatch, boolean failed) {

  /** Copies the list. */
  public OnlineMigrationReport {
    counts = List.copyOf(counts);
  }

  /**
   * Nova's exit code: 2 when a migration failed and nothing else made progress in the last batch
   * (or ever, when running to completion), 1 when a maximum count was given and rows were migrated
   * (run again: more may remain), 0 when nothing is left that can be migrated.
   */
  public int exitCode() {
    if (failed && (!limited || doneInLastBatch == 0)) {
      return 2;
    }
    return doneInLastBatch > 0 ? 1 : 0;
  }

  /**
   * One migration's totals over the run.
   *
   * @param name the migration's name
   * @param totalNeeded the most rows it found needing migration in one batch (Nova's "Total
   *     Needed")
   * @param completed the rows it migrated over all batches
   */
  public record Count(String name, long totalNeeded, long completed) {}
}
