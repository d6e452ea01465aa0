package dev.plinth.db.core.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Two guards around one transaction: {@code outer}'s hooks first on the way in, last on the way
 * out; {@code inner}'s end hook failing still runs {@code outer}'s.
 */
record BothGuards(TransactionGuard outer, TransactionGuard inner) implements TransactionGuard {

  /** One hook of a guard. */
  @FunctionalInterface
  private interface Hook {
    void run(TransactionGuard guard, Connection connection) throws SQLException;
  }

  @Override
  public void beforeBegin(Connection connection) throws SQLException {
    both(connection, TransactionGuard::beforeBegin, outer, inner);
  }

  @Override
  public void afterBegin(Connection connection) throws SQLException {
    both(connection, TransactionGuard::afterBegin, outer, inner);
  }

  @Override
  public void beforeCommit(Connection connection) throws SQLException {
    both(connection, TransactionGuard::beforeCommit, inner, outer);
  }

  @Override
  public void afterEnd(Connection connection) throws SQLException {
    try {
      inner.afterEnd(connection);
    } finally {
      outer.afterEnd(connection);
    }
  }

  private static void both(
      Connection connection, Hook hook, TransactionGuard first, TransactionGuard second)
      throws SQLException {
    hook.run(first, connection);
    hook.run(second, connection);
  }
}
