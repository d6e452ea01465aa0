package dev.plinth.db.core;

import com.zaxxer.hikari.HikariConfig;
import dev.plinth.db.core.tx.TransactionMode;

/**
 * Where a {@link Database} reports what it measures: its pools, its start-up, each outermost
 * transaction, each retry and deadlock, and the revisions and archive batches that db-migrate and
 * db-archive run on it. Registered with {@link Database.Builder#metrics}; {@code
 * dev.plinth.db.core.metrics.PlinthMeters} records to a Micrometer registry, and a service may
 * implement it for another metrics library. Every method does nothing by default.
 *
 * <p>Calls happen on the thread doing the work, so an implementation must be quick, thread-safe and
 * must not throw. Without metrics, a transaction measures nothing: its path makes one null check.
 */
public interface DatabaseMetrics {

  /** Records nothing; what {@link Database#metrics()} returns when none were registered. */
  DatabaseMetrics NONE = new DatabaseMetrics() {};

  /** How an outermost transaction ended. */
  enum Outcome {
    /** A writer committed. */
    COMMIT,
    /**
     * It rolled back without a database error: a reader's normal end, or a block that threw an
     * exception of its own.
     */
    ROLLBACK,
    /** A database error (a {@link dev.plinth.db.core.error.DbException}) ended it. */
    FAILED
  }

  /** Why a transaction is run again. */
  enum RetryCause {
    /** A {@link dev.plinth.db.core.error.DeadlockException}. */
    DEADLOCK,
    /** A {@link dev.plinth.db.core.error.DbConnectionException}. */
    CONNECTION,
    /** A failure matched a {@code retryIf} predicate. */
    OTHER
  }

  /**
   * A pool Plinth builds is being configured, before the {@link Database.Builder#hikari} customizer
   * runs: the place to attach HikariCP's own metrics.
   */
  default void pool(HikariConfig pool) {}

  /** The first connection at start-up answered after {@code nanos}, retries included. */
  default void startedUp(long nanos) {}

  /** An outermost transaction (one attempt of it) of {@code mode} ended after {@code nanos}. */
  default void transactionEnded(TransactionMode mode, Outcome outcome, long nanos) {}

  /** An outermost transaction failed and is about to run again. */
  default void retrying(RetryCause cause) {}

  /** An outermost transaction attempt failed with a deadlock, whether or not it is retried. */
  default void deadlock() {}

  /**
   * A migration revision ran for {@code nanos} (db-migrate).
   *
   * @param upgrade whether it was an upgrade, else a downgrade
   * @param succeeded whether it was applied, else it failed
   */
  default void revisionRan(boolean upgrade, boolean succeeded, long nanos) {}

  /** An archive batch moved {@code rows} soft-deleted rows of {@code table} (db-archive). */
  default void rowsArchived(String table, long rows) {}

  /**
   * An archive batch moved {@code rows} rows of {@code table} because they referenced a moved row
   * (db-archive).
   */
  default void residueArchived(String table, long rows) {}
}
