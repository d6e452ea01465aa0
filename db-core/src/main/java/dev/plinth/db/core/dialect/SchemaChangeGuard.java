package dev.plinth.db.core.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a backend needs around a transaction that rebuilds tables: SQLite must switch foreign-key
 * enforcement off before the transaction begins (it cannot change inside one), check every foreign
 * key itself before committing, and switch enforcement back on afterwards. Obtained from {@link
 * Dialect#schemaChangeGuard()}, one per transaction; {@link
 * dev.plinth.db.core.TransactionScope#schemaChange()} calls it around a writer transaction.
 */
public interface SchemaChangeGuard {

  /** The guard of backends that need nothing around a schema change. */
  SchemaChangeGuard NONE =
      new SchemaChangeGuard() {
        @Override
        public void beforeBegin(Connection connection) {}

        @Override
        public void beforeCommit(Connection connection) {}

        @Override
        public void afterEnd(Connection connection) {}
      };

  /**
   * Runs on the connection in auto-commit mode, just before the transaction begins.
   *
   * @throws SQLException if the backend refuses the setting
   */
  void beforeBegin(Connection connection) throws SQLException;

  /**
   * Runs inside the transaction, just before it commits.
   *
   * @throws dev.plinth.db.core.error.ReferenceException if a row's foreign key points at no row;
   *     the message names the tables and rows, and the caller rolls back
   * @throws SQLException if the check cannot run
   */
  void beforeCommit(Connection connection) throws SQLException;

  /**
   * Runs on the connection after the transaction has committed or rolled back, to restore the
   * connection's settings before it goes back to the pool.
   *
   * @throws SQLException if the backend refuses the setting
   */
  void afterEnd(Connection connection) throws SQLException;
}
