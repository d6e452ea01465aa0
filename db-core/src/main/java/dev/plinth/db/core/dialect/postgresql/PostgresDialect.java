package dev.plinth.db.core.dialect.postgresql;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.Identifiers;
import dev.plinth.db.core.dialect.ServerUrl;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.dialect.TransactionGuard;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.schema.SchemaIntrospector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * PostgreSQL 12+: transactional DDL, UTF8 client encoding, TCP keepalive and connect/socket
 * timeouts so that a dead server is noticed in seconds rather than at the operating system's TCP
 * timeout.
 */
public final class PostgresDialect implements Dialect {
  /** The commit stops waiting for the WAL flush; the setting ends with the transaction. */
  private static final TransactionGuard RELAXED_COMMIT =
      new TransactionGuard() {
        @Override
        public void afterBegin(Connection connection) throws SQLException {
          try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL synchronous_commit = off");
          }
        }
      };

  private final SchemaIntrospector introspector = new PostgresSchemaIntrospector();
  private final DdlRenderer ddl = new PostgresDdlRenderer(this);

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String quote(String identifier) {
    return Identifiers.quote(identifier, '"', 63);
  }

  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public boolean dataModifyingWith() {
    return true;
  }

  @Override
  public TransactionGuard relaxedCommitGuard() {
    return RELAXED_COMMIT;
  }

  @Override
  public int maxBindParameters() {
    return 32_767;
  }

  @Override
  public Optional<String> urlProblem(String url) {
    return ServerUrl.problem(
        url, "jdbc:postgresql:", "jdbc:postgresql://host[:port]/database", false);
  }

  @Override
  public Properties driverProperties(String url, DatabaseConfig config) {
    Properties p = new Properties();
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", Long.toString(wholeSecondsUp(config.socketTimeout())));
    p.setProperty("ApplicationName", "plinth");
    return p;
  }

  /** pgjdbc takes whole seconds; a fraction rounds up, so 0.5 s never becomes 0, "disabled". */
  private static long wholeSecondsUp(Duration timeout) {
    long seconds = timeout.toSeconds();
    return timeout.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
  }

  @Override
  public void initializeConnection(Connection connection, DatabaseConfig config) {
    // The driver already negotiates UTF8; nothing to run per connection.
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
    return new PostgresSessionLock(connection, name);
  }

  @Override
  public DbException translate(SQLException e) {
    return PostgresErrors.translate(e);
  }
}
