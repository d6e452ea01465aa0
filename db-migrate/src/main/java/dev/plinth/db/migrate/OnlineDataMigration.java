package dev.plinth.db.migrate;

import dev.plinth.db.core.Tx;

/**
 * A data migration that runs while the service is up, between the expand and the contract phase of
 * an online upgrade, as Nova's {@code online_data_migrations}: it moves data from the shape the old
 * code writes to the shape the new code reads, a batch at a time.
 *
 * <p>Implementations must be idempotent: each call finds up to {@code maxCount} rows that still
 * need migrating and migrates them, so that running again after a crash, or concurrently with the
 * old code still writing old-shape rows, only does what is left. Register them with {@link
 * Migrator.Builder#onlineDataMigrations} or list them in {@code
 * META-INF/services/dev.plinth.db.migrate.OnlineDataMigration}. Until every registered migration
 * finds nothing left, contract revisions are refused.
 */
public interface OnlineDataMigration {

  /** A stable name, printed in reports and in the messages that refuse a contract revision. */
  String name();

  /**
   * Migrates up to {@code maxCount} rows in {@code tx}, the batch's transaction.
   *
   * @param tx the batch's transaction; it commits when this method returns normally
   * @param maxCount the most rows to look at, at least 1
   * @return how many rows needing migration were found (at most {@code maxCount}) and how many of
   *     them were migrated
   */
  Migrated migrate(Tx tx, int maxCount);
}
