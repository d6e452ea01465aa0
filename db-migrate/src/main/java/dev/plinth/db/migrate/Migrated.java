package dev.plinth.db.migrate;

/**
 * What one batch of an {@link OnlineDataMigration} did.
 *
 * @param found the rows found that still needed migrating (at most the batch's maximum)
 * @param done the rows migrated, at most {@code found}
 */
public record Migrated(int found, int done) {

  /** Nothing was found, so nothing was done. */
  public static final Migrated NOTHING = new Migrated(0, 0);

  /** Validates the counts. */
  public Migrated {
    if (found < 0 || done < 0 || done > found) {
      throw new IllegalArgumentException(
          "need 0 <= done <= found, got found=" + found + ", done=" + done);
    }
  }
}
