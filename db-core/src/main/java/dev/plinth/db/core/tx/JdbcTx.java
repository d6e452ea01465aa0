package dev.plinth.db.core.tx;

import dev.plinth.db.core.RowMapper;
import dev.plinth.db.core.StatementListener;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/** The {@link Tx} of one physical transaction: helpers over its single JDBC connection. */
final class JdbcTx implements Tx {
  private static final String IN_TOKEN = "<in>";
  private static final int IN_CHUNK = 1000;

  private final Connection connection;
  private final TransactionMode mode;
  private final Shared shared;
  private SqlSession session;
  private boolean ranDdl;

  /**
   * What every transaction of one database shares, held through one reference so that each
   * transaction allocates a smaller {@code JdbcTx}.
   *
   * @param afterDdl called after each DDL statement, to drop cached schema metadata
   * @param listener sees each statement; {@code null} when none is registered
   */
  record Shared(
      Dialect dialect,
      MapperBinding mappers,
      SqlLog log,
      Runnable afterDdl,
      StatementListener listener) {}

  JdbcTx(Connection connection, TransactionMode mode, Shared shared) {
    this.connection = connection;
    this.mode = mode;
    this.shared = shared;
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
    announce(sql, args);
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args, 0);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw shared.dialect().translate(e);
    }
  }

  @Override
  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
    announce(sql, args);
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args, 0);
      ps.setMaxRows(2);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        T value = mapper.map(rs);
        if (rs.next()) {
          throw new DbException("expected at most one row but the query returned more: " + sql);
        }
        return Optional.ofNullable(value);
      }
    } catch (SQLException e) {
      throw shared.dialect().translate(e);
    }
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
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, args, 0);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw shared.dialect().translate(e);
    } finally {
      noteDdl(sql);
    }
  }

  @Override
  public void executeScriptStatement(String sql) {
    announce(sql, new Object[0]);
    try {
      ScriptStatements.execute(connection, sql);
    } catch (SQLException e) {
      throw shared.dialect().translate(e);
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
    try (PreparedStatement ps = shared.dialect().prepareInsert(connection, sql, keyColumn)) {
      bind(ps, args, 0);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new DbException("the INSERT generated no key in column " + keyColumn + ": " + sql);
        }
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw shared.dialect().translate(e);
    }
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    announce(sql, new Object[] {rows.size() + " rows"});
    if (rows.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (Object[] row : rows) {
        bind(ps, row, 0);
        ps.addBatch();
      }
      return ps.executeBatch();
    } catch (SQLException e) {
      throw shared.dialect().translate(e);
    } finally {
      noteDdl(sql);
    }
  }

  @Override
  public <M> M mapper(Class<M> type) {
    if (session == null) {
      session = shared.mappers().openSession(connection);
    }
    return shared.mappers().mapper(type, session);
  }

  /** What this transaction may do: nested blocks are checked against it. */
  TransactionMode mode() {
    return mode;
  }

  /** Whether this transaction ran a DDL statement through {@link #update} or {@link #batch}. */
  boolean ranDdl() {
    return ranDdl;
  }

  /** Ends the MyBatis session, if one was opened; the connection stays open. */
  void close() {
    if (session != null) {
      session.close();
      session = null;
    }
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
