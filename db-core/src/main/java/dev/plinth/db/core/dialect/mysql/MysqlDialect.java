package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.Identifiers;
import dev.plinth.db.core.dialect.ServerUrl;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.schema.SchemaIntrospector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * MySQL 8 and MariaDB 10.6+ through MariaDB Connector/J: {@code sql_mode} set per connection
 * (TRADITIONAL by default, as oslo.db), utf8mb4, TCP keepalive and connect/socket timeouts. DDL is
 * not transactional: each DDL statement commits implicitly.
 */
public final class MysqlDialect implements Dialect {
  private final SchemaIntrospector introspector = new MysqlSchemaIntrospector();
  private final DdlRenderer ddl = new MysqlDdlRenderer(this);

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public String quote(String identifier) {
    return Identifiers.quote(identifier, '`', 64);
  }

  @Override
  public boolean transactionalDdl() {
    return false;
  }

  @Override
  public int maxBindParameters() {
    return 65_535;
  }

  @Override
  public boolean columnNamesIgnoreCase() {
    return true;
  }

  @Override
  public Optional<String> urlProblem(String url) {
    String prefix = url.startsWith("jdbc:mysql:") ? "jdbc:mysql:" : "jdbc:mariadb:";
    return ServerUrl.problem(url, prefix, prefix + "//host[:port]/database", true);
  }

  @Override
  public Properties driverProperties(String url, DatabaseConfig config) {
    Properties p = new Properties();
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", "10000");
    p.setProperty("socketTimeout", Long.toString(config.socketTimeout().toMillis()));
    if (url.startsWith("jdbc:mysql:")) {
      p.setProperty("permitMysqlScheme", "true");
    }
    return p;
  }

  @Override
  public void initializeConnection(Connection connection, DatabaseConfig config)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SET NAMES utf8mb4");
    }
    try (PreparedStatement ps = connection.prepareStatement("SET SESSION sql_mode = ?")) {
      ps.setString(1, config.mysqlSqlMode());
      ps.execute();
    }
  }

  @Override
  public PreparedStatement prepareInsert(Connection c, String sql, String keyColumn)
      throws SQLException {
    return c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  @Override
  public SchemaIntrospector schemaIntrospector() {
    return introspector;
  }

  @Override
  public DdlRenderer ddl() {
    return ddl;
  }

  @Override
  public SessionLock sessionLock(Connection connection, String name) {
    return new MysqlSessionLock(connection, name);
  }

  @Override
  public DbException translate(SQLException e) {
    return MysqlErrors.translate(e);
  }
}
