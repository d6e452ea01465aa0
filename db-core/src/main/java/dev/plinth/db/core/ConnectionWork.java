package dev.plinth.db.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Raw JDBC work on a transaction's connection, for what {@link Tx}'s helpers do not cover; run by
 * {@link Tx#withConnection(ConnectionWork)}, which translates the {@link SQLException} it throws.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ConnectionWork<T> {
  /**
   * Does the work on {@code connection}, which the transaction owns: do not commit, roll back,
   * close it or change its auto-commit mode.
   *
   * @throws SQLException for any driver failure; the caller receives it translated
   */
  T apply(Connection connection) throws SQLException;
}
