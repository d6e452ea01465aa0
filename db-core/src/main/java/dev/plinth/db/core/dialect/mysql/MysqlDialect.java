package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.BaseDialect;
import dev.plinth.db.core.dialect.CommitCheck;
import dev.plinth.db.core.dialect.Identifiers;
import dev.plinth.db.core.dialect.ServerUrl;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.dialect.WorkMark;
import dev.plinth.db.core.error.DbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * MySQL 8 and MariaDB 10.6+ through MariaDB Connector/J: {@code sql_mode} set per connection
 * (TRADITIONAL by default, as oslo.db), utf8mb4, TCP keepalive and connect/socket timeouts. DDL is
 * not transactional: each DDL statement commits implicitly. On a MariaDB Galera node (found at run
 * time through {@code wsrep_on}) the session lock is a replicated lock row instead of {@code
 * GET_LOCK}, and transactions are kept within the cluster's write-set limits.
 */
public final class MysqlDialect extends BaseDialect {

  /** Creates the dialect. */
  public MysqlDialect() {
    super(new MysqlSchemaIntrospector(), MysqlDdlRenderer::new);
  }

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
    Properties p = serverConnectionProperties(config.socketTimeout(), TimeUnit.MILLISECONDS);
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
    if (config.mysqlCommitMarkers()) {
      prepareCommitMarkers(connection);
    }
  }

  /**
   * Creates the commit marker table if it is missing, outside any transaction (DDL commits on
   * MySQL), and forgets rows of connections long gone.
   */
  private static void prepareCommitMarkers(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    try (Statement s = connection.createStatement()) {
      if (!autoCommit) {
        connection.commit();
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                  + " AND TABLE_NAME = '"
                  + MysqlCommitMarkers.TABLE
                  + "'")) {
        rs.next();
        if (rs.getInt(1) == 0) {
          s.execute(MysqlCommitMarkers.CREATE_TABLE);
        }
      }
      s.execute(MysqlCommitMarkers.FORGET_OLD_ROWS);
      if (!autoCommit) {
        connection.commit();
      }
    }
  }

  /**
   * Commit markers when {@code database.mysql_commit_markers} is on (a table, and a row write per
   * writing transaction); otherwise none, and a commit whose acknowledgement is lost is retried.
   */
  @Override
  public CommitCheck commitCheck(DatabaseConfig config) {
    return config.mysqlCommitMarkers() ? new MysqlCommitMarkers() : CommitCheck.NONE;
  }

  @Override
  public SessionLock sessionLock(Session session, String name) {
    return Wsrep.on(session)
        ? new GaleraSessionLock(session, name)
        : new MysqlSessionLock(session, name);
  }

  @Override
  public Set<String> lockTables() {
    return Set.of(GaleraSessionLock.TABLE);
  }

  @Override
  public WorkMark markWork(Tx tx, String name) {
    return MysqlSessionLock.markWork(tx, name);
  }

  @Override
  public int maxRowsPerTransaction(Tx tx, String table, int writesPerRow) {
    return Wsrep.on(tx) ? Wsrep.maxRows(tx, table, writesPerRow) : Integer.MAX_VALUE;
  }

  @Override
  public DbException translate(SQLException e) {
    return MysqlErrors.translate(e);
  }

  /**
   * {@code Seconds_Behind_Master} of {@code SHOW SLAVE STATUS}: no row on a server that is no
   * replica, NULL while replication is stopped. Needs the REPLICATION CLIENT (MariaDB: SLAVE
   * MONITOR) privilege.
   */
  @Override
  public Optional<Duration> replicaLag(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
      if (!rs.next()) {
        return Optional.of(Duration.ZERO);
      }
      long seconds = rs.getLong("Seconds_Behind_Master");
      return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }
  }
}
