package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.BaseDialect;
import dev.plinth.db.core.dialect.CopySettings;
import dev.plinth.db.core.dialect.Identifiers;
import dev.plinth.db.core.dialect.SchemaChangeGuard;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.dialect.TransactionGuard;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.sqlite.Function;

/**
 * SQLite: the embedded default. Connections get {@code foreign_keys=ON}, WAL for files, a busy
 * timeout, {@code synchronous=OFF} when {@code sqlite_synchronous} is false, immediate
 * (write-locking) transactions so that two writers wait for each other instead of failing, and a
 * {@code regexp} function with unanchored {@link java.util.regex.Matcher#find()} semantics, as
 * oslo.db registers.
 */
public final class SqliteDialect extends BaseDialect {
  private static final int BUSY_TIMEOUT_MS = 30_000;

  /** Holds no state, so every schema-change transaction shares it. */
  private static final SchemaChangeGuard SCHEMA_CHANGE = new SqliteSchemaChangeGuard();

  /** Creates the dialect. */
  public SqliteDialect() {
    super(new SqliteSchemaIntrospector(), d -> new SqliteDdlRenderer(d, Integer.MAX_VALUE));
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public String quote(String identifier) {
    return Identifiers.quote(identifier, '"', 1024);
  }

  /**
   * Empty: SQLite has no row locks. A deferred transaction that read rows and then writes fails
   * with SQLITE_BUSY_SNAPSHOT if another writer committed in between, so what it read cannot change
   * under it; the failure is a {@code DeadlockException} and the transaction is retried.
   */
  @Override
  public String lockRowsClause() {
    return "";
  }

  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public int maxBindParameters() {
    return 32_766;
  }

  @Override
  public boolean columnNamesIgnoreCase() {
    return true;
  }

  @Override
  public Optional<String> urlProblem(String url) {
    return SqliteUrl.problem(url);
  }

  @Override
  public boolean singleConnection(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    return path.isEmpty() || path.startsWith(":memory:") || path.contains("mode=memory");
  }

  @Override
  public Properties driverProperties(String url, DatabaseConfig config) {
    Properties p = new Properties();
    p.setProperty("foreign_keys", "true");
    p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
    if (!singleConnection(url)) {
      p.setProperty("journal_mode", "WAL");
    }
    if (!config.sqliteSynchronous()) {
      p.setProperty("synchronous", "OFF");
    }
    return p;
  }

  @Override
  public void initializeConnection(Connection connection, DatabaseConfig config)
      throws SQLException {
    Function.create(connection.unwrap(org.sqlite.SQLiteConnection.class), "regexp", new Regexp());
  }

  /** Foreign keys on and the busy timeout, which Plinth's own connections get as properties. */
  @Override
  public void initializeBorrowedConnection(Connection connection, DatabaseConfig config)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA foreign_keys = ON");
      s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
    }
    initializeConnection(connection, config);
  }

  @Override
  public SessionLock sessionLock(Session session, String name) {
    return new SqliteSessionLock(session, name);
  }

  @Override
  public String serverVersion(Tx tx) {
    return tx.queryOne("SELECT sqlite_version()", rs -> rs.getString(1)).orElseThrow();
  }

  @Override
  public CopySettings copySettings(Tx tx, String source, List<List<String>> uniqueKeys) {
    return SqliteCopySettings.choose(tx, this, source, uniqueKeys);
  }

  /**
   * Rewrites the table's declaration in place where its rows and keys stay as they are; see {@link
   * SqliteRedeclaration}.
   */
  @Override
  public Optional<List<String>> redeclaration(
      Tx tx, Table current, Table target, Map<String, String> origins) {
    return SqliteRedeclaration.plan(tx, this, current, target, origins);
  }

  @Override
  public TransactionGuard relaxedCommitGuard() {
    return new SqliteRelaxedCommit();
  }

  @Override
  public SchemaChangeGuard schemaChangeGuard() {
    return SCHEMA_CHANGE;
  }

  @Override
  public DbException translate(SQLException e) {
    return SqliteErrors.translate(e);
  }

  /** {@code regexp(pattern, value)}: true when the pattern matches anywhere in the value. */
  private static final class Regexp extends Function {
    @Override
    protected void xFunc() throws SQLException {
      String pattern = value_text(0);
      String value = value_text(1);
      if (pattern == null || value == null) {
        result();
        return;
      }
      result(Pattern.compile(pattern).matcher(value).find() ? 1 : 0);
    }
  }
}
