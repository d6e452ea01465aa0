package dev.plinth.db.core.pool;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.dialect.Dialect;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A service's own {@link DataSource} with the dialect's session set-up run once per physical
 * connection, the first time Plinth borrows it: a pool's connection handles are new objects on each
 * borrow, so the physical connection is found through {@link Connection#unwrap} (HikariCP, DBCP and
 * most pools answer it), and remembered weakly, so a connection the pool retires is forgotten. A
 * pool that does not unwrap has the set-up run on every borrow.
 */
final class SetUpOnFirstUse implements DataSource {
  private final DataSource pool;
  private final Dialect dialect;
  private final DatabaseConfig config;
  private final Set<Connection> setUp =
      Collections.synchronizedSet(
          Collections.newSetFromMap(new WeakHashMap<Connection, Boolean>()));

  SetUpOnFirstUse(DataSource pool, Dialect dialect, DatabaseConfig config) {
    this.pool = pool;
    this.dialect = dialect;
    this.config = config;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = pool.getConnection();
    try {
      Connection physical = physical(c);
      if (!setUp.contains(physical)) {
        dialect.initializeBorrowedConnection(c, config);
        setUp.add(physical);
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static Connection physical(Connection c) {
    try {
      return c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
    } catch (SQLException e) {
      return c;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the service's DataSource holds the credentials");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
