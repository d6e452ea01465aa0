package dev.plinth.db.migrate.runner;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One row of the history table.
 *
 * @param revision the revision run, stamped or repaired ({@code base} for a stamp to nothing)
 * @param action what was done
 * @param checksum the script's checksum, for sources that have one
 * @param startedAt when it started
 * @param durationMillis how long it took
 * @param outcome whether it succeeded
 */
record HistoryEntry(
    String revision,
    Action action,
    Optional<String> checksum,
    Instant startedAt,
    long durationMillis,
    Outcome outcome) {

  /** What a history row records. */
  public enum Action {
    /** A revision's upgrade ran. */
    UPGRADE,
    /** A revision's downgrade ran. */
    DOWNGRADE,
    /** The version table was set without running anything. */
    STAMP,
    /** An applied revision's checksum was re-recorded after a deliberate edit. */
    REPAIR,
    /** The version table was set from another tool's version when Plinth took the database over. */
    ADOPT,
    /** The database was built from the models and the heads stamped, nothing run. */
    FROM_MODELS;

    /** The value stored in the {@code direction} column. */
    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How it ended. */
  public enum Outcome {
    /** Committed. */
    SUCCESS,
    /** Failed; see the exception the runner threw for what was kept. */
    FAILURE;

    /** The value stored in the {@code outcome} column. */
    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
