package dev.plinth.db.core.tx;

import dev.plinth.db.core.ConnectionWork;
import dev.plinth.db.core.RowMapper;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.StatementListener;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.TxFunction;
import dev.plinth.db.core.dialect.CommitCheck;
import dev.plinth.db.core.dialect.CommitMark;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.TransactionGuard;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.ErrorChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

/**
 * The {@link Tx} of one physical connection: helpers over it, and the steps of its transaction for
 * the {@link TransactionRunner}. As in HikariCP's {@code ProxyConnection.checkException}, this
 * class is where every {@link SQLException} of Plinth's JDBC work becomes a {@link DbException}
 * (the only caller of {@link Dialect#translate}): the helpers, raw work through {@link
 * #withConnection}, connecting, committing and rolling back, savepoints, the dialect's guards and
 * session locks, and MyBatis mappers all pass through {@link #translating}. As a {@link Session} it
 * runs in auto-commit mode on a connection of its own.
 */
final class JdbcTx implements Session {
  private static final String IN_TOKEN = "<in>";
  private static final int IN_CHUNK = 1000;

  private final Connection connection;
  private final TransactionMode mode;
  private final Shared shared;
  private final boolean autoCommitOnLoan;
  private SqlSession session;
  private boolean begun;
  private boolean worked;
  private boolean ended;
  private boolean ranDdl;

  /**
   * What every transaction of one database shares, held through one reference so that each
   * transaction allocates a smaller {@code JdbcTx}.
   *
   * @param afterDdl called after each DDL statement, to drop cached schema metadata
   * @param listener sees each statement; {@code null} when none is registered
   * @param inUse how many connections are open: taken and not yet ended
   * @param commits marks writing transactions so that a lost commit acknowledgement can be settled
   * @param lentInAutoCommit whether connections may come in auto-commit mode, to be restored: a
   *     service's own pool; Plinth's pools lend them with auto-commit off
   */
  record Shared(
      Dialect dialect,
      MapperBinding mappers,
      SqlLog log,
      Runnable afterDdl,
      StatementListener listener,
      AtomicInteger inUse,
      CommitCheck commits,
      boolean lentInAutoCommit) {}

  /** JDBC work that needs no connection argument. */
  @FunctionalInterface
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  private JdbcTx(Connection connection, TransactionMode mode, Shared shared) {
    this.connection = connection;
    this.mode = mode;
    this.shared = shared;
    this.autoCommitOnLoan = shared.lentInAutoCommit() && withConnection(Connection::getAutoCommit);
    shared.inUse().incrementAndGet();
  }

  /**
   * Takes a connection from {@code source} for a transaction of {@code mode}; it is still in
   * auto-commit mode until {@link #begin}.
   */
  static JdbcTx open(DataSource source, TransactionMode mode, Shared shared) {
    Connection c = connect(source, shared.dialect());
    try {
      return new JdbcTx(c, mode, shared);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** Takes a connection from {@code source}, translating a failure to connect. */
  static Connection connect(DataSource source, Dialect dialect) {
    return translating(dialect, source::getConnection);
  }

  /**
   * The choke point: runs {@code call} and turns the driver exception it throws into Plinth's
   * hierarchy, as the dialect classifies it.
   *
   * @param dialect the backend's dialect; {@code null} while it is not known yet, and then the
   *     exception is classified by its SQLSTATE alone
   */
  static <T> T translating(Dialect dialect, SqlCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw dialect == null
          ? ErrorChain.translate(e, unknownBackend -> null)
          : dialect.translate(e);
    }
  }

  @Override
  public <T> T withConnection(ConnectionWork<T> work) {
    worked = begun;
    return translating(shared.dialect(), () -> work.apply(connection));
  }

  /**
   * Starts the transaction: {@code guard}'s settings that need auto-commit mode, then auto-commit
   * off. Closes the connection if that fails.
   */
  void begin(TransactionGuard guard) {
    try {
      if (guard != TransactionGuard.NONE) {
        // The guard's session settings only take effect outside a transaction.
        withConnection(c -> setAutoCommit(c, true));
        guard.beforeBegin(this);
      }
      withConnection(c -> setAutoCommit(c, false));
      begun = true;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Commits. A transaction that did any work is first marked by the dialect's {@link CommitCheck},
   * so that when the connection dies during COMMIT the outcome can be looked up on another one.
   *
   * @return {@code null} when the commit was acknowledged; what settles it when the connection died
   *     during the COMMIT of a marked transaction
   * @throws DbException if the commit fails otherwise
   */
  LostCommit commit() {
    CommitMark mark = worked ? withConnection(shared.commits()::mark) : null;
    try {
      withConnection(
          c -> {
            if (mark == null) {
              c.commit();
            } else {
              mark.commit(c);
            }
            return null;
          });
      return null;
    } catch (DbConnectionException e) {
      if (mark == null) {
        throw e;
      }
      return new LostCommit(mark, e);
    }
  }

  void rollback() {
    withConnection(
        c -> {
          c.rollback();
          return null;
        });
  }

  /**
   * Runs {@code work} inside a savepoint: a failure rolls back only its changes, then propagates.
   */
  <T> T inSavepoint(TxFunction<T> work) {
    Savepoint sp = withConnection(Connection::setSavepoint);
    try {
      T result = work.apply(this);
      withConnection(
          c -> {
            c.releaseSavepoint(sp);
            return null;
          });
      return result;
    } catch (RuntimeException | Error e) {
      try {
        connection.rollback(sp);
      } catch (SQLException rollbackFailed) {
        e.addSuppressed(shared.dialect().translate(rollbackFailed));
      }
      throw e;
    }
  }

  /**
   * Ends the connection's use: the MyBatis session closes, {@code guard}'s settings are undone and
   * the connection goes back to its pool. A connection whose settings cannot be undone is aborted,
   * so that the pool discards it rather than hand out a connection with foreign keys unenforced.
   */
  void end(TransactionGuard guard) {
    if (ended) {
      return;
    }
    ended = true;
    shared.inUse().decrementAndGet();
    if (session != null) {
      session.close();
      session = null;
    }
    if (guard != TransactionGuard.NONE) {
      try {
        withConnection(c -> setAutoCommit(c, true));
        guard.afterEnd(this);
      } catch (DbException e) {
        abortQuietly();
      }
    }
    if (autoCommitOnLoan) {
      // A service's own pool lent it in auto-commit mode; not every pool restores that itself.
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        abortQuietly();
      }
    }
    closeQuietly(connection);
  }

  private void abortQuietly() {
    try {
      connection.abort(Runnable::run);
    } catch (SQLException ignored) {
      // Aborting is the last resort; the pool's validation discards the connection anyway.
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // The pool evicts a connection that fails to close; the transaction's outcome stands.
    }
  }

  /** Closes the connection (a {@link Session}'s end); safe to call more than once. */
  @Override
  public void close() {
    end(TransactionGuard.NONE);
  }

  private static Void setAutoCommit(Connection c, boolean on) throws SQLException {
    c.setAutoCommit(on);
    return null;
  }

  @Override
  public Dialect dialect() {
    return shared.dialect();
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
    return select(sql, args, 0, rs -> all(rs, mapper));
  }

  @Override
  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
    return select(sql, args, 2, rs -> atMostOne(rs, mapper, sql));
  }

  private static <T> List<T> all(ResultSet rs, RowMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(mapper.map(rs));
    }
    return rows;
  }

  private static <T> Optional<T> atMostOne(ResultSet rs, RowMapper<T> mapper, String sql)
      throws SQLException {
    if (!rs.next()) {
      return Optional.empty();
    }
    T value = mapper.map(rs);
    if (rs.next()) {
      throw new DbException("expected at most one row but the query returned more: " + sql);
    }
    return Optional.ofNullable(value);
  }

  /** Reads a whole result set into one value. */
  @FunctionalInterface
  private interface ResultReader<R> {
    R read(ResultSet rs) throws SQLException;
  }

  /** Runs a query, fetching at most {@code maxRows} rows (0: all), and reads its result. */
  private <R> R select(String sql, Object[] args, int maxRows, ResultReader<R> reader) {
    announce(sql, args);
    return withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args, 0);
            if (maxRows > 0) {
              ps.setMaxRows(maxRows);
            }
            try (ResultSet rs = ps.executeQuery()) {
              return reader.read(rs);
            }
          }
        });
  }

  @Override
  public <T> List<T> queryIn(
      String sql, Collection<?> values, RowMapper<T> mapper, Object... args) {
    InList in = InList.parse(sql, IN_TOKEN, args.length);
    List<T> rows = new ArrayList<>();
    for (List<?> chunk : in.chunks(values, chunkSize(args.length))) {
      rows.addAll(query(in.sql(chunk.size()), mapper, in.args(args, chunk)));
    }
    return rows;
  }

  @Override
  public int updateIn(String sql, Collection<?> values, Object... args) {
    InList in = InList.parse(sql, IN_TOKEN, args.length);
    int changed = 0;
    for (List<?> chunk : in.chunks(values, chunkSize(args.length))) {
      changed += update(in.sql(chunk.size()), in.args(args, chunk));
    }
    return changed;
  }

  @Override
  public long count(String sql, Object... args) {
    return queryOne("SELECT COUNT(*) FROM (" + sql + ") plinth_count", rs -> rs.getLong(1), args)
        .orElse(0L);
  }

  @Override
  public int update(String sql, Object... args) {
    announce(sql, args);
    try {
      return withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              bind(ps, args, 0);
              return ps.executeUpdate();
            }
          });
    } finally {
      noteDdl(sql);
    }
  }

  @Override
  public void executeScriptStatement(String sql) {
    announce(sql, new Object[0]);
    try {
      withConnection(
          c -> {
            ScriptStatements.execute(c, sql);
            return null;
          });
    } finally {
      noteDdl(sql);
    }
  }

  @Override
  public long insert(String sql, Object... args) {
    return insertReturning("id", sql, args);
  }

  @Override
  public long insertReturning(String keyColumn, String sql, Object... args) {
    announce(sql, args);
    return withConnection(
        c -> {
          try (PreparedStatement ps = shared.dialect().prepareInsert(c, sql, keyColumn)) {
            bind(ps, args, 0);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              if (!keys.next()) {
                throw new DbException(
                    "the INSERT generated no key in column " + keyColumn + ": " + sql);
              }
              return keys.getLong(1);
            }
          }
        });
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    announce(sql, new Object[] {rows.size() + " rows"});
    if (rows.isEmpty()) {
      return new int[0];
    }
    try {
      return withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              for (Object[] row : rows) {
                bind(ps, row, 0);
                ps.addBatch();
              }
              return ps.executeBatch();
            }
          });
    } finally {
      noteDdl(sql);
    }
  }

  @Override
  public <M> M mapper(Class<M> type) {
    worked = true;
    if (session == null) {
      session = shared.mappers().openSession(connection);
    }
    return shared.mappers().mapper(type, session, this::mapperFailure);
  }

  /**
   * What a mapper threw, translated: MyBatis wraps the driver's exception (or a {@code DbException}
   * of Plinth's own) in a {@link PersistenceException}.
   */
  private Throwable mapperFailure(Throwable t) {
    if (!(t instanceof PersistenceException)) {
      return t;
    }
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (c instanceof DbException) {
        return c;
      }
      if (c instanceof SQLException) {
        return shared.dialect().translate((SQLException) c);
      }
    }
    return new DbException(String.valueOf(t.getMessage()), t);
  }

  /** What this transaction may do: nested blocks are checked against it. */
  TransactionMode mode() {
    return mode;
  }

  /** Whether this transaction ran a DDL statement through {@link #update} or {@link #batch}. */
  boolean ranDdl() {
    return ranDdl;
  }

  private void announce(String sql, Object[] args) {
    shared.log().statement(sql, args);
    StatementListener listener = shared.listener();
    if (listener != null) {
      listener.statement(sql);
    }
  }

  private void noteDdl(String sql) {
    if (DdlStatements.isDdl(sql)) {
      ranDdl = true;
      shared.afterDdl().run();
    }
  }

  private int chunkSize(int otherArgs) {
    return Math.max(1, Math.min(IN_CHUNK, shared.dialect().maxBindParameters() - otherArgs));
  }

  private static void bind(PreparedStatement ps, Object[] args, int offset) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(offset + i + 1, args[i]);
    }
  }
}
