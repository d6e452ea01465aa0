package dev.plinth.examples.inventory;

import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.PurgeResult;
import dev.plinth.db.archive.Purger;
import dev.plinth.db.core.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The inventory's periodic clean-up, as Nova's {@code archive_deleted_rows} followed by {@code
 * purge}: moves every soft-deleted item (and the tag links that leave with it) into the shadow
 * tables in batches, then deletes shadow rows older than the retention for good.
 */
public final class ArchiveJob {
  private final Database db;
  private final Duration retention;
  private final int batchSize;
  private final Clock clock;

  /**
   * A job on {@code db} that keeps archived rows for {@code retention} ({@link Duration#ZERO}:
   * purge every archived row) and moves {@code batchSize} rows per transaction.
   *
   * @throws IllegalArgumentException if {@code retention} is negative or {@code batchSize} below 1
   */
  public ArchiveJob(Database db, Duration retention, int batchSize, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("archive retention must not be negative: " + retention);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("archive batchSize must be at least 1: " + batchSize);
    }
    this.retention = retention;
    this.batchSize = batchSize;
  }

  /**
   * What one run of the job did.
   *
   * @param archived the rows moved to shadow tables
   * @param purged the shadow rows deleted for good
   */
  public record Run(ArchiveResult archived, PurgeResult purged) {}

  /**
   * Archives until nothing soft-deleted is left, then purges.
   *
   * @throws dev.plinth.db.archive.ArchiveException if a table was refused (a drifted shadow table)
   * @throws dev.plinth.db.core.error.DbException if a statement fails; committed batches stay
   */
  public Run run() {
    ArchiveResult archived =
        Archiver.builder().database(db).maxRows(batchSize).untilComplete(true).build().run();
    Purger.Builder purger = Purger.builder().database(db).batchSize(batchSize);
    Purger purge =
        retention.isZero()
            ? purger.all().build()
            : purger.before(clock.instant().minus(retention)).build();
    return new Run(archived, purge.run());
  }
}
