package dev.plinth.db.core;

/**
 * A {@link Tx} on a connection of its own, outside the pools and in auto-commit mode: each
 * statement commits as it completes. For work that must stand apart from transactions, such as
 * holding a {@link dev.plinth.db.core.dialect.SessionLock} or running {@code CREATE INDEX
 * CONCURRENTLY}. Obtained from {@link Database#openSession()}; closing it closes the connection.
 * Not thread-safe.
 */
public interface Session extends Tx, AutoCloseable {

  /** Closes the connection; safe to call more than once. */
  @Override
  void close();
}
