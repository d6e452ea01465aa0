package dev.plinth.db.core.pool;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.dialect.Dialect;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens physical connections for the pool and runs the dialect's session set-up on each, once, so
 * that per-connection settings cost nothing per transaction.
 */
final class InitializingDataSource implements DataSource {
  private final String url;
  private final Properties properties;
  private final Dialect dialect;
  private final DatabaseConfig config;
  private int loginTimeout;

  InitializingDataSource(
      String url, Properties properties, Dialect dialect, DatabaseConfig config) {
    this.url = url;
    this.properties = properties;
    this.dialect = dialect;
    this.config = config;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = DriverManager.getConnection(url, properties);
    try {
      dialect.initializeConnection(c, config);
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("credentials belong in the URL or its properties");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Plinth logs through SLF4J.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Plinth logs through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
