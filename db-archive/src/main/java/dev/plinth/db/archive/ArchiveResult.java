package dev.plinth.db.archive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one archive run did (or, for a dry run, would do).
 *
 * @param archived soft-deleted rows moved to shadow tables, by table, in the order the tables were
 *     walked; never more than {@code maxRows} in all unless the run was {@code untilComplete}
 * @param residue rows moved only because they referenced a moved row (live children of a deleted
 *     parent, as Nova moves them), by table; not counted against {@code maxRows}
 * @param refused tables left untouched, each with the reason naming the table and column at fault
 * @param skipped requested tables with nothing to archive (no {@code deleted} column), with why
 * @param rowsRemain whether archivable rows may be left: the row budget ran out, or a table was
 *     refused
 * @param dryRun whether nothing was written and the counts are what a real run would archive
 */
public record ArchiveResult(
    Map<String, Long> archived,
    Map<String, Long> residue,
    Map<String, String> refused,
    Map<String, String> skipped,
    boolean rowsRemain,
    boolean dryRun) {

  /** Copies the maps, keeping their order. */
  public ArchiveResult {
    archived = Collections.unmodifiableMap(new LinkedHashMap<>(archived));
    residue = Collections.unmodifiableMap(new LinkedHashMap<>(residue));
    refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /** All soft-deleted rows archived, over all tables. */
  public long totalArchived() {
    return archived.values().stream().mapToLong(Long::longValue).sum();
  }

  /** All residue rows moved, over all tables. */
  public long totalResidue() {
    return residue.values().stream().mapToLong(Long::longValue).sum();
  }
}
