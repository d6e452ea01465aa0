package dev.plinth.db.core;

import dev.plinth.db.core.dialect.Dialect;
import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A running transaction. Every helper runs on the transaction's one connection and translates
 * driver exceptions into {@link dev.plinth.db.core.error.DbException}s: the implementation is the
 * one place where an {@link java.sql.SQLException} becomes a {@code DbException}, and raw JDBC work
 * goes through {@link #withConnection(ConnectionWork)} to be translated the same way. Values always
 * travel as bind parameters. A {@code Tx} is valid only inside the callback that received it (a
 * {@link Session} until it is closed).
 */
public interface Tx {

  /** The backend's dialect, for quoting identifiers and consulting feature flags. */
  Dialect dialect();

  /**
   * Runs a query and maps every row.
   *
   * @param sql the statement, with {@code ?} placeholders
   * @param mapper maps one row
   * @param args the bind values, in order
   * @return the mapped rows, in result order
   */
  <T> List<T> query(String sql, RowMapper<T> mapper, Object... args);

  /**
   * Runs a query expected to return at most one row.
   *
   * @return the mapped row, or empty when there is none
   * @throws dev.plinth.db.core.error.DbException if the query returns more than one row
   */
  <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args);

  /**
   * Runs a query whose {@code IN (<in>)} list is filled from {@code values}, in chunks that respect
   * the backend's bind-parameter limit, so one call replaces a query per value.
   *
   * @param sql a statement containing the token {@code <in>} exactly once; {@code args} bind the
   *     placeholders before and after it
   * @param values the values of the list; an empty collection returns an empty list
   */
  <T> List<T> queryIn(String sql, Collection<?> values, RowMapper<T> mapper, Object... args);

  /**
   * Counts the rows a query would return without fetching them.
   *
   * @param sql a SELECT statement
   */
  long count(String sql, Object... args);

  /**
   * Runs an INSERT, UPDATE, DELETE or DDL statement.
   *
   * @return the number of rows changed
   */
  int update(String sql, Object... args);

  /**
   * Runs one statement of a SQL script as the backend's command-line client would: a plain
   * statement without bind parameters or JDBC escapes (so {@code ?} is text, e.g. PostgreSQL's
   * jsonb operator), whose rows are read and dropped and whose warnings are ignored. For SQL
   * migration files; use {@link #update} for statements with values.
   *
   * @throws dev.plinth.db.core.error.DbException if the statement fails
   */
  void executeScriptStatement(String sql);

  /**
   * Runs an UPDATE or DELETE whose {@code IN (<in>)} list is filled from {@code values}, in chunks.
   *
   * @return the number of rows changed, over all chunks
   */
  int updateIn(String sql, Collection<?> values, Object... args);

  /**
   * Runs an INSERT and returns the generated key of its {@code id} column.
   *
   * @throws dev.plinth.db.core.error.DbException if the statement generates no key
   */
  long insert(String sql, Object... args);

  /**
   * Runs an INSERT and returns the generated key of the given column.
   *
   * @param keyColumn the auto-generated column
   */
  long insertReturning(String keyColumn, String sql, Object... args);

  /**
   * Runs one statement for many parameter rows as a JDBC batch: one round trip per batch rather
   * than one per row.
   *
   * @param sql the statement
   * @param rows one array of bind values per execution
   * @return the update counts, one per row (drivers may report {@link
   *     java.sql.Statement#SUCCESS_NO_INFO})
   */
  int[] batch(String sql, List<Object[]> rows);

  /**
   * Returns a MyBatis mapper bound to this transaction's connection. The mapper interface is
   * registered on first use; its exceptions are translated like every other.
   *
   * @param type an annotated or XML-backed MyBatis mapper interface
   */
  <M> M mapper(Class<M> type);

  /**
   * Runs raw JDBC work on the transaction's connection, for what the helpers do not cover; an
   * {@link java.sql.SQLException} it throws arrives translated, like the helpers' own.
   *
   * @return what {@code work} returns
   * @throws dev.plinth.db.core.error.DbException the translated driver failure
   */
  <T> T withConnection(ConnectionWork<T> work);

  /**
   * The transaction's JDBC connection: an escape hatch for code that must hold the connection
   * itself (a driver-specific API, a library that takes a {@code Connection}). Exceptions thrown on
   * it are the driver's own, untranslated; prefer {@link #withConnection(ConnectionWork)}. Do not
   * commit, roll back, close it or change its auto-commit mode: the transaction owns it.
   */
  Connection connection();
}
