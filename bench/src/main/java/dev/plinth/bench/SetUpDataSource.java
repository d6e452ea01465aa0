package dev.plinth.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens driver connections with fixed properties and runs a set-up step on each new one: what the
 * raw pool needs to match Plinth's per-connection configuration without going through Plinth.
 */
final class SetUpDataSource implements DataSource {
  /** Session set-up for a newly opened physical connection. */
  @FunctionalInterface
  interface ConnectionSetUp {
    void apply(Connection c) throws SQLException;
  }

  private final String url;
  private final Properties properties;
  private final ConnectionSetUp setUp;
  private int loginTimeout;

  SetUpDataSource(String url, Properties properties, ConnectionSetUp setUp) {
    this.url = url;
    this.properties = properties;
    this.setUp = setUp;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = DriverManager.getConnection(url, properties);
    try {
      setUp.apply(c);
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("credentials belong in the URL");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Nothing is logged through a DataSource log writer.
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
    throw new SQLFeatureNotSupportedException("no java.util.logging here");
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
