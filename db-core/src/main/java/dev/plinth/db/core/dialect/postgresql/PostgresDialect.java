package dev.plinth.db.core.dialect.postgresql;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.BaseDialect;
import dev.plinth.db.core.dialect.CommitCheck;
import dev.plinth.db.core.dialect.Identifiers;
import dev.plinth.db.core.dialect.ServerUrl;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.dialect.TransactionGuard;
import dev.plinth.db.core.dialect.WorkMark;
import dev.plinth.db.core.error.DbException;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * PostgreSQL 12+: transactional DDL, UTF8 client encoding, TCP keepalive and connect/socket
 * timeouts so that a dead server is noticed in seconds rather than at the operating system's TCP
 * timeout.
 */
public final class PostgresDialect extends BaseDialect {
  /** The commit stops waiting for the WAL flush; the setting ends with the transaction. */
  private static final String RELAX_COMMIT = "SET LOCAL synchronous_commit = off";

  private static final TransactionGuard RELAXED_COMMIT =
      new TransactionGuard() {
        @Override
        public void afterBegin(Tx tx) {
          tx.withConnection(
              c -> {
                try (Statement s = c.createStatement()) {
                  return s.execute(RELAX_COMMIT);
                }
              });
        }
      };

  /**
   * Replication lag: none on a primary, or on a standby that has replayed all it received (an idle
   * primary sends nothing, and its last commit grows old without any lag); else the age of the last
   * transaction it replayed.
   */
  private static final String REPLICA_LAG =
      "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
          + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
          + " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END";

  private static final CommitCheck COMMIT_CHECK = new PostgresCommitCheck();

  /** Creates the dialect. */
  public PostgresDialect() {
    super(new PostgresSchemaIntrospector(), PostgresDdlRenderer::new);
  }

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

  /** pgjdbc sends a multi-statement string as one message train with a single sync. */
  @Override
  public Optional<String> statementBatchSchemaQuery() {
    return Optional.of("SELECT current_schema()");
  }

  @Override
  public TransactionGuard relaxedCommitGuard() {
    return RELAXED_COMMIT;
  }

  @Override
  public CommitCheck commitCheck(DatabaseConfig config) {
    return COMMIT_CHECK;
  }

  @Override
  public Optional<String> relaxedCommitStatement() {
    return Optional.of(RELAX_COMMIT);
  }

  @Override
  public Optional<String> markWorkStatement(String name) {
    return Optional.of(PostgresSessionLock.markWorkStatement(name));
  }

  /** {@code now()} is the transaction's start, {@code clock_timestamp()} the present. */
  @Override
  public Optional<String> transactionMillisExpression() {
    return Optional.of("(EXTRACT(EPOCH FROM clock_timestamp() - now()) * 1000)::bigint");
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

  /** pgjdbc would return every column for {@code RETURN_GENERATED_KEYS}; ask for the key only. */
  @Override
  public PreparedStatement prepareInsert(Connection c, String sql, String keyColumn)
      throws SQLException {
    return c.prepareStatement(sql, new String[] {keyColumn});
  }

  @Override
  public Properties driverProperties(String url, DatabaseConfig config) {
    Properties p = serverConnectionProperties(config.socketTimeout(), TimeUnit.SECONDS);
    p.setProperty("ApplicationName", "plinth");
    return p;
  }

  @Override
  public void initializeConnection(Connection connection, DatabaseConfig config) {
    // The driver already negotiates UTF8; nothing to run per connection.
  }

  @Override
  public SessionLock sessionLock(Session session, String name) {
    return new PostgresSessionLock(session, name);
  }

  @Override
  public WorkMark markWork(Tx tx, String name) {
    return PostgresSessionLock.markWork(tx, name);
  }

  @Override
  public DbException translate(SQLException e) {
    return PostgresErrors.translate(e);
  }

  /** Loads the data through the driver's copy API, on the connection's own transaction. */
  @Override
  public long copyIn(Tx tx, String sql, Reader data) {
    return tx.withConnection(
        c -> {
          try {
            return new CopyManager(c.unwrap(BaseConnection.class)).copyIn(sql, data);
          } catch (IOException e) {
            throw new DbException("reading the data of '" + sql + "' failed: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public Optional<Duration> replicaLag(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(REPLICA_LAG)) {
      rs.next();
      double seconds = rs.getDouble(1);
      return rs.wasNull()
          ? Optional.empty()
          : Optional.of(Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000)));
    }
  }
}
