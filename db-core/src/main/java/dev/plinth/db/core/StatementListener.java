package dev.plinth.db.core;

/**
 * Sees what a {@link Database} sends to its server: every statement a {@link Tx} runs (its helpers
 * and its MyBatis mappers) and the begin and end of every physical transaction. Registered with
 * {@link Database.Builder#statementListener}; tests use it to count statements and transactions
 * (db-testing's {@code StatementCounter}), others to trace.
 *
 * <p>Calls happen on the thread running the transaction, before the statement runs, so an
 * implementation must be quick, thread-safe when several threads share the database, and must not
 * throw. Statements run directly on {@link Tx#connection()} are not seen. A nested block that joins
 * its outer transaction begins nothing; a savepoint is not a transaction; each retry of an
 * outermost block is a new transaction. A {@link Tx#batch} is one statement whatever its rows.
 * Without a listener, nothing is called and nothing is allocated.
 */
public interface StatementListener {

  /** A statement about to run, as its SQL text with {@code ?} placeholders. */
  default void statement(String sql) {}

  /** A transaction began on a connection from the pool. */
  default void begin() {}

  /** A writer transaction committed. */
  default void commit() {}

  /** A transaction rolled back: a reader's normal end, or a failure. */
  default void rollback() {}
}
