package dev.plinth.db.core.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Session settings a backend needs around one transaction, on the transaction's own connection:
 * some can only change outside a transaction (SQLite's pragmas), some only inside one (PostgreSQL's
 * {@code SET LOCAL}). The transaction runner calls the hooks in order and, if a hook fails, rolls
 * back; {@link #afterEnd} runs whatever the outcome, and a connection it fails on is discarded.
 */
public interface TransactionGuard {

  /** The guard that needs nothing. */
  TransactionGuard NONE = new TransactionGuard() {};

  /**
   * Runs on the connection in auto-commit mode, just before the transaction begins.
   *
   * @throws SQLException if the backend refuses the setting
   */
  default void beforeBegin(Connection connection) throws SQLException {}

  /**
   * Runs inside the transaction, before its work.
   *
   * @throws SQLException if the backend refuses the setting
   */
  default void afterBegin(Connection connection) throws SQLException {}

  /**
   * Runs inside the transaction, after its work and just before it commits.
   *
   * @throws SQLException if a check cannot run
   */
  default void beforeCommit(Connection connection) throws SQLException {}

  /**
   * Runs on the connection after the transaction has committed or rolled back, to restore the
   * connection's settings before it goes back to the pool.
   *
   * @throws SQLException if the backend refuses the setting
   */
  default void afterEnd(Connection connection) throws SQLException {}

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
