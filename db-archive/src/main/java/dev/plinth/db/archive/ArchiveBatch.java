package dev.plinth.db.archive;

/**
 * One committed batch, as reported to a progress listener.
 *
 * @param table the table whose soft-deleted rows the batch moved
 * @param archived soft-deleted rows of {@code table} moved
 * @param residue rows of any table moved with them because they referenced them
 * @param nanos how long the batch's transaction took
 * @param runTotal soft-deleted rows archived so far in this run, this batch included
 * @param budget the run's row budget, or {@code Long.MAX_VALUE} when it runs until complete
 */
public record ArchiveBatch(
    String table, int archived, int residue, long nanos, long runTotal, long budget) {

  /** Rows (archived and residue) per second in this batch. */
  public double rowsPerSecond() {
    return nanos == 0 ? 0 : (archived + residue) * 1e9 / nanos;
  }
}
