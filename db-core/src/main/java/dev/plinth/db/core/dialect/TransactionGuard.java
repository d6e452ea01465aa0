package dev.plinth.db.core.dialect;

import dev.plinth.db.core.Tx;

/**
 * Session settings a backend needs around one transaction, on the transaction's own connection:
 * some can only change outside a transaction (SQLite's pragmas), some only inside one (PostgreSQL's
 * {@code SET LOCAL}). The transaction runner calls the hooks in order, each with the {@link Tx} of
 * that connection (whose {@link Tx#withConnection} translates driver failures), and, if a hook
 * fails, rolls back; {@link #afterEnd} runs whatever the outcome, and a connection it fails on is
 * discarded.
 */
public interface TransactionGuard {

  /** The guard that needs nothing. */
  TransactionGuard NONE = new TransactionGuard() {};

  /**
   * Runs on the connection in auto-commit mode, just before the transaction begins.
   *
   * @throws dev.plinth.db.core.error.DbException if the backend refuses the setting
   */
  default void beforeBegin(Tx tx) {}

  /**
   * Runs inside the transaction, before its work.
   *
   * @throws dev.plinth.db.core.error.DbException if the backend refuses the setting
   */
  default void afterBegin(Tx tx) {}

  /**
   * Runs inside the transaction, after its work and just before it commits.
   *
   * @throws dev.plinth.db.core.error.DbException if a check cannot run or fails
   */
  default void beforeCommit(Tx tx) {}

  /**
   * Runs on the connection after the transaction has committed or rolled back, to restore the
   * connection's settings before it goes back to the pool.
   *
   * @throws dev.plinth.db.core.error.DbException if the backend refuses the setting
   */
  default void afterEnd(Tx tx) {}

  /**
   * Both guards around one transaction: {@code outer}'s hooks before {@code inner}'s on the way in,
   * after them on the way out. Either may be {@link #NONE}.
   */
  static TransactionGuard both(TransactionGuard outer, TransactionGuard inner) {
    if (inner == NONE) {
      return outer;
    }
    if (outer == NONE) {
      return inner;
    }
    return new BothGuards(outer, inner);
  }
}
