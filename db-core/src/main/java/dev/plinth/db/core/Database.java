package dev.plinth.db.core;

import com.zaxxer.hikari.HikariDataSource;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.EngineStartException;
import dev.plinth.db.core.pool.Pools;
import dev.plinth.db.core.retry.RetrySchedule;
import dev.plinth.db.core.retry.TransactionRetry;
import dev.plinth.db.core.schema.SchemaReader;
import dev.plinth.db.core.tx.MapperBinding;
import dev.plinth.db.core.tx.TransactionMode;
import dev.plinth.db.core.tx.TransactionRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.ibatis.session.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a service holds for its database: a writer pool, an optional reader pool for
 * {@code slave_connection}, and the transaction scopes that run work on them.
 *
 * <pre>{@code
 * try (Database db = Database.builder().url("jdbc:postgresql://127.0.0.1/app").build()) {
 *   long id = db.writer().call(tx -> tx.insert("INSERT INTO items(name) VALUES (?)", "bolt"));
 * }
 * }</pre>
 *
 * <p>Building a {@code Database} checks that the writer answers, retrying {@code max_retries} times
 * {@code retry_interval} apart as oslo.db does, and fails with an {@link EngineStartException}
 * naming the sanitised URL when it never does.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DatabaseConfig config;
  private final Dialect dialect;
  private final HikariDataSource writerPool;
  private final HikariDataSource readerPool;
  private final TransactionRunner runner;
  private final TransactionScope writer;
  private final TransactionScope reader;
  private final TransactionScope asyncReader;
  private final SchemaReader schema;
  private final Set<Connection> handedOut = ConcurrentHashMap.newKeySet();

  private Database(Builder b) {
    this.config = b.config;
    this.dialect = Dialects.forUrl(config.connection());
    String sanitized = UrlSanitizer.sanitize(config.connection());
    checkUrl(config.connection());
    config.slaveConnection().ifPresent(this::checkUrl);
    awaitFirstConnection(Pools.unpooled(config.connection(), dialect, config), sanitized);
    this.writerPool = Pools.create("plinth-writer", config.connection(), dialect, config);
    try {
      this.readerPool =
          config.slaveConnection().isPresent()
              ? Pools.create("plinth-reader", config.slaveConnection().get(), dialect, config)
              : null;
      this.schema = new SchemaReader(this::reader);
      MapperBinding mappers = new MapperBinding(writerPool, b.mybatis);
      if (b.customisesMyBatis) {
        mappers.configure();
      }
      this.runner =
          new TransactionRunner(
              writerPool,
              readerPool == null ? writerPool : readerPool,
              dialect,
              new TransactionRetry(config, b.retryIf),
              mappers,
              config.connectionDebug(),
              schema::invalidate,
              b.statementListener);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.writer = new TransactionScope(runner, TransactionMode.WRITER);
    this.reader = new TransactionScope(runner, TransactionMode.READER);
    this.asyncReader = new TransactionScope(runner, TransactionMode.ASYNC_READER);
    LOG.info("database {} ready ({})", sanitized, dialect.name());
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A scope for transactions that read and write on the primary, committed at the end. */
  public TransactionScope writer() {
    return writer;
  }

  /** A scope for transactions that read from the primary; rolled back at the end. */
  public TransactionScope reader() {
    return reader;
  }

  /**
   * A scope for reads that tolerate replication lag: on the {@code slave_connection} replica when
   * one is configured, else on the primary. Inside a writer it joins the writer.
   */
  public TransactionScope asyncReader() {
    return asyncReader;
  }

  /** The live schema of this database, read through a cache that Plinth's own DDL invalidates. */
  public SchemaReader schema() {
    return schema;
  }

  /** The backend's dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Opens a {@link Session}: a new physical connection to the primary, outside the pools and in
   * auto-commit mode, with the same driver settings and session set-up as pooled ones, whose
   * helpers translate errors as a transaction's do. For work that must stand apart from
   * transactions, such as holding a {@link dev.plinth.db.core.dialect.SessionLock} or running
   * {@code CREATE INDEX CONCURRENTLY}. The caller closes it. For a SQLite memory database this is a
   * different, empty database.
   *
   * @throws DbException if the connection cannot be opened
   */
  public Session openSession() {
    Session session = runner.openSession(writerPool.getDataSource());
    handedOut.removeIf(Database::closed);
    handedOut.add(session.connection());
    return session;
  }

  /**
   * How many connections are in use now: borrowed from the pools by running transactions, or handed
   * out by {@link #openSession()} and not yet closed. Zero when no work runs; a test kit reads it
   * at the end of a test to find a connection left open.
   */
  public int connectionsInUse() {
    handedOut.removeIf(Database::closed);
    return active(writerPool) + active(readerPool) + handedOut.size();
  }

  private static int active(HikariDataSource pool) {
    return pool == null || pool.getHikariPoolMXBean() == null
        ? 0
        : pool.getHikariPoolMXBean().getActiveConnections();
  }

  private static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** The configuration this database was built with. */
  public DatabaseConfig config() {
    return config;
  }

  /** Closes both pools; transactions still running fail. Safe to call more than once. */
  @Override
  public void close() {
    if (readerPool != null) {
      readerPool.close();
    }
    if (writerPool != null) {
      writerPool.close();
    }
  }

  private void checkUrl(String url) {
    dialect
        .urlProblem(Pools.withParameters(url, config.connectionParameters()))
        .ifPresent(
            problem -> {
              throw new EngineStartException(
                  "cannot connect to " + UrlSanitizer.sanitize(url) + ": " + problem, null);
            });
  }

  /**
   * Opens one physical connection outside the pool, so that the driver's own error arrives at once,
   * on the start-up {@link RetrySchedule}: only a connection failure is retried; refused
   * credentials, an unknown database or a URL the driver cannot read fail the first attempt.
   */
  private void awaitFirstConnection(DataSource direct, String sanitized) {
    if (config.maxRetries() == 0) {
      return;
    }
    RetrySchedule schedule = RetrySchedule.forStartUp(config);
    RetryPolicy<Object> policy =
        schedule
            .policy()
            .handle(DbConnectionException.class)
            .onRetryScheduled(
                e ->
                    LOG.warn(
                        "connection to {} failed ({}); {} attempt(s) left, next in {} ms",
                        sanitized,
                        e.getLastException().getMessage(),
                        schedule.maxRetries() < 0
                            ? "unlimited"
                            : Integer.toString(schedule.maxRetries() + 1 - e.getAttemptCount()),
                        e.getDelay().toMillis()))
            .build();
    try {
      Failsafe.with(policy).run(() -> connectOnce(direct, sanitized));
    } catch (DbConnectionException e) {
      throw new EngineStartException(
          "cannot connect to "
              + sanitized
              + " after "
              + config.maxRetries()
              + " attempt(s): "
              + e.getMessage(),
          e);
    } catch (EngineStartException e) {
      throw e;
    } catch (DbException e) {
      throw new EngineStartException("cannot connect to " + sanitized + ": " + e.getMessage(), e);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new EngineStartException("interrupted while connecting to " + sanitized, e);
    }
  }

  private void connectOnce(DataSource direct, String sanitized) {
    try {
      TransactionRunner.checkConnection(direct, dialect);
    } catch (DbException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EngineStartException(
          "cannot connect to "
              + sanitized
              + ": the driver refused the URL: "
              + UrlSanitizer.sanitizeText(e.toString()),
          e);
    }
  }

  /** Collects what a {@link Database} needs; {@link #build()} connects. */
  public static final class Builder {
    private DatabaseConfig config;
    private String url;
    private Predicate<? super Throwable> retryIf = failure -> false;
    private final List<Class<?>> mappers = new ArrayList<>();
    private Consumer<Configuration> mybatis =
        configuration -> mappers.forEach(configuration::addMapper);
    private boolean customisesMyBatis;
    private StatementListener statementListener;

    private Builder() {}

    /** Uses a complete configuration; {@link #url(String)} given as well replaces its URL. */
    public Builder config(DatabaseConfig config) {
      this.config = config;
      return this;
    }

    /** Sets the writer's JDBC URL, with every other option at its default. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** Retries outermost transactions also on failures matching {@code predicate}. */
    public Builder retryIf(Predicate<? super Throwable> predicate) {
      this.retryIf = predicate;
      return this;
    }

    /**
     * Registers MyBatis mapper interfaces up front (they are otherwise registered on first use), so
     * that {@link #build()} configures MyBatis and fails on a mapper it refuses. Without this or
     * {@link #mybatis(Consumer)}, MyBatis is loaded only when a transaction first asks for a
     * mapper.
     */
    public Builder mappers(Class<?>... types) {
      mappers.addAll(List.of(types));
      customisesMyBatis = true;
      return this;
    }

    /**
     * Adjusts MyBatis's configuration: settings, type handlers, XML mappers. {@link #build()} then
     * configures MyBatis, so a customizer or XML mapper that fails makes it fail.
     */
    public Builder mybatis(Consumer<Configuration> customizer) {
      Consumer<Configuration> registerMappers = mybatis;
      this.mybatis = registerMappers.andThen(customizer);
      customisesMyBatis = true;
      return this;
    }

    /**
     * Registers the one {@link StatementListener} that sees every statement and transaction this
     * database runs; without one, statements cost nothing extra.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder statementListener(StatementListener listener) {
      this.statementListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the database and waits for its first connection.
     *
     * @throws IllegalArgumentException if neither a URL nor a configuration was given, or the
     *     configuration is invalid
     * @throws EngineStartException if the database cannot be reached
     */
    public Database build() {
      if (config == null && url == null) {
        throw new IllegalArgumentException("give the database a url(...) or a config(...)");
      }
      if (config == null) {
        config = DatabaseConfig.builder().connection(url).build();
      } else if (url != null) {
        config = config.toBuilder().connection(url).build();
      }
      return new Database(this);
    }
  }
}
