package dev.plinth.db.core.dialect;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.schema.SchemaIntrospector;
import dev.plinth.db.core.schema.Table;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Everything that differs between backends: identifier quoting, driver and session settings, error
 * classification, and the feature flags callers consult instead of asking which backend they are
 * on. One instance per backend; instances are immutable and shared.
 */
public interface Dialect {

  /** The backend's short name: {@code sqlite}, {@code postgresql} or {@code mysql}. */
  String name();

  /**
   * Quotes an identifier for this backend after checking it is a plausible name.
   *
   * @throws IllegalArgumentException if the identifier is empty, too long or contains a NUL or the
   *     quote character
   */
  String quote(String identifier);

  /**
   * The clause appended to a SELECT to write-lock the rows it returns until the transaction ends:
   * {@code " FOR UPDATE"}, or empty where a write transaction already excludes every other writer.
   */
  default String lockRowsClause() {
    return " FOR UPDATE";
  }

  /** Whether DDL statements take part in transactions (and roll back with them). */
  boolean transactionalDdl();

  /**
   * Whether a {@code WITH} clause may hold a {@code DELETE ... RETURNING} whose rows feed an {@code
   * INSERT} of the same statement, so that rows move from one table to another in one statement and
   * one pass (PostgreSQL).
   */
  default boolean dataModifyingWith() {
    return false;
  }

  /**
   * A query returning the connection's current schema in one row, for appending to a script's
   * statements where the driver runs several {@code ;}-separated statements of one {@link
   * Statement#execute} in one round trip and returns each one's results in order (PostgreSQL);
   * empty where statements must travel one by one.
   */
  default Optional<String> statementBatchSchemaQuery() {
    return Optional.empty();
  }

  /**
   * The statement that relaxes the current transaction's commit as {@link #relaxedCommitGuard()}
   * does, for a caller that sends it with the transaction's first statements in one round trip (see
   * {@link #statementBatchSchemaQuery()}); empty where the guard is not one such statement.
   */
  default Optional<String> relaxedCommitStatement() {
    return Optional.empty();
  }

  /**
   * The statement that marks the current transaction's session as {@link #markWork} does, until the
   * transaction ends, for a caller that sends it with other statements in one round trip; empty
   * where the mark is not one such statement.
   *
   * @param name the lock's name, as given to {@link #sessionLock(Session, String)}
   */
  default Optional<String> markWorkStatement(String name) {
    return Optional.empty();
  }

  /**
   * An SQL expression for the whole milliseconds since the current transaction began on the server,
   * for a statement that records a duration in the same round trip as the work it measures; empty
   * where the backend has none.
   */
  default Optional<String> transactionMillisExpression() {
    return Optional.empty();
  }

  /**
   * What lets a transaction's commit return before its changes are safely on disk, for work that is
   * safe to redo: after a crash such a transaction is still either whole or absent, only possibly
   * absent although its commit returned. A later commit that is not relaxed makes every earlier one
   * durable too. Nothing where the backend has no such setting; obtained once per transaction, so
   * that a guard may keep what it has to restore.
   *
   * @see dev.plinth.db.core.TransactionScope#relaxedCommit()
   */
  default TransactionGuard relaxedCommitGuard() {
    return TransactionGuard.NONE;
  }

  /**
   * How a database under {@code config} tells whether a transaction committed when its connection
   * died during COMMIT, so that Plinth neither reports a committed transaction as failed nor runs
   * it twice. Called once per database; {@link CommitCheck#NONE} by default, for a backend that
   * cannot lose a commit's acknowledgement (SQLite).
   */
  default CommitCheck commitCheck(DatabaseConfig config) {
    return CommitCheck.NONE;
  }

  /**
   * How far the replica that {@code connection} is on lags behind its primary, measured there in
   * one cheap statement; empty when the replica cannot tell (its replication stopped). A server
   * that is no replica lags by nothing. Zero by default, for a backend without replication
   * (SQLite).
   *
   * @throws SQLException if the statement fails
   */
  default Optional<Duration> replicaLag(Connection connection) throws SQLException {
    return Optional.of(Duration.ZERO);
  }

  /** The most bind parameters one statement may carry on this backend. */
  int maxBindParameters();

  /**
   * Driver properties for a connection to {@code url} under {@code config}: timeouts, keepalive and
   * the per-backend settings that the driver applies without an extra round trip.
   */
  Properties driverProperties(String url, DatabaseConfig config);

  /**
   * Session set-up run once on every new physical connection (for example MySQL's {@code sql_mode}
   * or SQLite's {@code regexp} function).
   *
   * @throws SQLException if the backend refuses a setting
   */
  void initializeConnection(Connection connection, DatabaseConfig config) throws SQLException;

  /**
   * Session set-up for a connection of a service's own pool, run the first time Plinth borrows it:
   * {@link #initializeConnection}, plus what {@link #driverProperties} gives Plinth's own
   * connections where a session can still set it (SQLite's foreign keys and busy timeout).
   *
   * @throws SQLException if the backend refuses a setting
   */
  default void initializeBorrowedConnection(Connection connection, DatabaseConfig config)
      throws SQLException {
    initializeConnection(connection, config);
  }

  /**
   * Whether column names match without regard to case even when quoted (SQLite and MySQL; a quoted
   * name on PostgreSQL matches only its own case).
   */
  default boolean columnNamesIgnoreCase() {
    return false;
  }

  /**
   * What is wrong with the form of {@code url} for this backend's driver, checked before the driver
   * sees it; empty when nothing is. The answer never quotes a credential.
   */
  default Optional<String> urlProblem(String url) {
    return Optional.empty();
  }

  /**
   * Whether {@code url} names a database that lives only inside one connection (SQLite memory), so
   * the pool must keep exactly one connection forever.
   */
  default boolean singleConnection(String url) {
    return false;
  }

  /**
   * Prepares an INSERT whose generated key in {@code keyColumn} can be read back with {@link
   * PreparedStatement#getGeneratedKeys()}.
   *
   * @throws SQLException if the driver refuses the statement
   */
  default PreparedStatement prepareInsert(Connection c, String sql, String keyColumn)
      throws SQLException {
    return c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  /**
   * Translates a driver exception into Plinth's hierarchy: the backend's own codes first, message
   * text only where the backend gives nothing better. Called by the {@link Tx} implementation, the
   * one place where Plinth's JDBC work meets driver exceptions; code that holds a {@code Tx} runs
   * raw JDBC through {@link Tx#withConnection} rather than calling this.
   *
   * @param e the driver exception
   * @return the translated exception, never {@code null}; a plain {@link DbException} when nothing
   *     more specific is known
   */
  DbException translate(SQLException e);

  /** Reads this backend's live schema into the {@link dev.plinth.db.core.schema} model. */
  SchemaIntrospector schemaIntrospector();

  /** Renders {@link dev.plinth.db.core.schema} tables as this backend's DDL. */
  DdlRenderer ddl();

  /**
   * A lock called {@code name}, scoped to this database, held through {@code session} and released
   * by the backend when that session's connection or its process dies: a PostgreSQL session
   * advisory lock, a MySQL {@code GET_LOCK}, or on SQLite a write lock on a lock file next to the
   * database file.
   *
   * @param session a session used for nothing else while the lock is held; the caller closes it
   *     after {@link SessionLock#release()}
   * @param name the lock's name: letters, digits and underscores
   */
  SessionLock sessionLock(Session session, String name);

  /**
   * The tables {@link #sessionLock} may create to hold its locks (MySQL: {@code plinth_lock}, used
   * on a Galera node only); none by default. They belong to Plinth, not to the service's schema.
   */
  default Set<String> lockTables() {
    return Set.of();
  }

  /**
   * Marks {@code tx}'s session as working for the holder of the lock called {@code name}, until the
   * mark is closed: PostgreSQL sets {@code application_name} to the lock's name (for the
   * transaction, or for the session in auto-commit), MySQL takes a second user lock on the session;
   * SQLite has no server sessions to outlive a process and marks nothing. Call it only while
   * holding that lock.
   *
   * @param tx the transaction or session that runs the work
   * @param name the lock's name, as given to {@link #sessionLock(Session, String)}
   * @throws DbException if the backend refuses the request
   */
  default WorkMark markWork(Tx tx, String name) {
    return WorkMark.NONE;
  }

  /**
   * The most rows of {@code table} one transaction should change where the backend limits what a
   * transaction may write: on a MariaDB Galera node, what {@code wsrep_max_ws_rows} and {@code
   * wsrep_max_ws_size} allow (the size over the table's average row length, with room to spare),
   * each row counted {@code writesPerRow} times. {@link Integer#MAX_VALUE} where there is no such
   * limit, as by default.
   *
   * @param tx where the limits and the table's statistics are read
   * @param table the table whose rows the transaction changes
   * @param writesPerRow how many rows the transaction writes for each of them (2 for a copy and a
   *     delete)
   * @throws DbException if the limits cannot be read
   */
  default int maxRowsPerTransaction(Tx tx, String table, int writesPerRow) {
    return Integer.MAX_VALUE;
  }

  /**
   * The server's version as it reports it ({@code 15.4}, {@code 10.11.6-MariaDB}, {@code 3.54.1}),
   * read on {@code tx}; renderers use it to know which ALTER forms the server understands.
   *
   * @throws DbException if the version cannot be read
   */
  default String serverVersion(Tx tx) {
    return tx.withConnection(c -> c.getMetaData().getDatabaseProductVersion());
  }

  /**
   * The session settings for copying every row of {@code source} into a new table with one {@code
   * INSERT ... SELECT} in the running transaction {@code tx}, where the new table's primary key and
   * unique constraints are filled row by row as the copy goes. None by default.
   *
   * @param source the table whose rows are copied
   * @param uniqueKeys the new table's unique keys that the copy fills, each as columns of {@code
   *     source}
   * @throws DbException if the table cannot be read
   */
  default CopySettings copySettings(Tx tx, String source, List<List<String>> uniqueKeys) {
    return CopySettings.NONE;
  }

  /**
   * The statements that give table {@code current} the declaration {@code target} without copying
   * its rows, where the backend can do that although its ALTER TABLE cannot, and where the two
   * differ only in what the stored rows and keys do not depend on; empty otherwise, and by default.
   * The statements run in {@code tx} after those that made the rest of the change in place (added,
   * dropped and renamed columns), so they address columns by their names in {@code target}.
   *
   * @param current the table as it is before any of the change
   * @param target the table as it must be afterwards
   * @param origins for each column of {@code target} that {@code current} already had, its name in
   *     {@code current}
   * @throws DbException if the table cannot be read
   */
  default Optional<List<String>> redeclaration(
      Tx tx, Table current, Table target, Map<String, String> origins) {
    return Optional.empty();
  }

  /**
   * What must happen around a transaction that rebuilds tables; nothing by default. Called once per
   * such transaction, so that a guard may keep what it has to restore afterwards.
   *
   * @see dev.plinth.db.core.TransactionScope#schemaChange()
   */
  default SchemaChangeGuard schemaChangeGuard() {
    return SchemaChangeGuard.NONE;
  }

  /**
   * Runs a {@code COPY ... FROM STDIN} statement with its data, in whatever transaction {@code
   * connection} is in, as psql does for the data block that follows such a statement in a script.
   * Only PostgreSQL has it; every other dialect refuses.
   *
   * @param sql the {@code COPY} statement, without its semicolon
   * @param data the rows in the statement's format (text or CSV), without psql's {@code \.} end
   *     line
   * @return the number of rows loaded
   * @throws DbException if the backend has no copy-in or the copy fails
   */
  default long copyIn(Tx tx, String sql, Reader data) {
    throw new DbException(
        "COPY ... FROM STDIN is PostgreSQL's; " + name() + " cannot load a copy data block");
  }
}
