package dev.plinth.db.core;

import com.zaxxer.hikari.HikariConfig;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.EngineStartException;
import dev.plinth.db.core.pool.ConnectionSources;
import dev.plinth.db.core.pool.Pools;
import dev.plinth.db.core.retry.TransactionRetry;
import dev.plinth.db.core.schema.SchemaReader;
import dev.plinth.db.core.tx.MapperBinding;
import dev.plinth.db.core.tx.TransactionMode;
import dev.plinth.db.core.tx.TransactionRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  private final ConnectionSources sources;
  private final TransactionRunner runner;
  private final TransactionScope writer;
  private final TransactionScope reader;
  private final TransactionScope asyncReader;
  private final SchemaReader schema;
  private final DatabaseMetrics metrics;

  private Database(Builder b, DatabaseConfig config, Dialect dialect, ConnectionSources sources) {
    this.config = config;
    this.dialect = dialect;
    this.sources = sources;
    this.metrics = b.metrics == null ? DatabaseMetrics.NONE : b.metrics;
    try {
      this.schema = new SchemaReader(this::reader);
      MapperBinding mappers = new MapperBinding(sources.writer(), b.mybatis);
      if (b.customisesMyBatis) {
        mappers.configure();
      }
      this.runner =
          new TransactionRunner(
              sources,
              dialect,
              dialect.commitCheck(config),
              new TransactionRetry(config, b.retryIf, metrics),
              mappers,
              config.connectionDebug(),
              schema::invalidate,
              b.statementListener,
              b.metrics);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.writer = new TransactionScope(runner, TransactionMode.WRITER);
    this.reader = new TransactionScope(runner, TransactionMode.READER);
    this.asyncReader = new TransactionScope(runner, TransactionMode.ASYNC_READER);
  }

  /** Connects to the configured URL and builds Plinth's own pools. */
  private static Database onOwnPools(Builder b, DatabaseConfig config) {
    Dialect dialect = Dialects.forUrl(config.connection());
    String sanitized = UrlSanitizer.sanitize(config.connection());
    FirstConnection.checkUrl(dialect, config, config.connection());
    config.slaveConnection().ifPresent(url -> FirstConnection.checkUrl(dialect, config, url));
    FirstConnection.await(
        config,
        sanitized,
        b.metrics,
        () -> {
          FirstConnection.connectOnce(
              Pools.unpooled(config.connection(), dialect, config), dialect, sanitized);
          return dialect;
        });
    Database db =
        new Database(
            b, config, dialect, ConnectionSources.ownPools(config, dialect, b.poolName, pools(b)));
    LOG.info("database {} ready ({})", sanitized, dialect.name());
    return db;
  }

  /**
   * The pools' settings: the metrics' hook first, so that the service's customizer has the last
   * word.
   */
  private static Consumer<HikariConfig> pools(Builder b) {
    if (b.metrics == null) {
      return b.hikari;
    }
    DatabaseMetrics metrics = b.metrics;
    Consumer<HikariConfig> customizer = b.hikari;
    return hc -> {
      metrics.pool(hc);
      customizer.accept(hc);
    };
  }

  /**
   * Borrows from the service's own data sources; the backend and, without a configuration, the URL
   * come from the first connection's metadata.
   */
  private static Database onDataSources(Builder b) {
    // A configuration's URL names the backend until the metadata can, for the probe's errors.
    Dialect hint = b.config == null ? null : Dialects.forUrl(b.config.connection());
    String url =
        FirstConnection.await(
            b.config,
            "the given DataSource",
            b.metrics,
            () -> TransactionRunner.metadataUrl(b.dataSource, hint));
    if (url == null) {
      url = TransactionRunner.metadataUrl(b.dataSource, hint);
    }
    Dialect dialect = Dialects.forUrl(url);
    DatabaseConfig config =
        b.config != null ? b.config : DatabaseConfig.builder().connection(url).build();
    Database db =
        new Database(
            b,
            config,
            dialect,
            ConnectionSources.borrowed(b.dataSource, b.readerDataSource, dialect, config));
    LOG.info(
        "database {} ready ({}, on the service's DataSource)",
        UrlSanitizer.sanitize(url),
        dialect.name());
    return db;
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
   * one is configured, else on the primary. While the replica lags beyond {@code max_replica_lag}
   * or does not answer, its reads run on the primary (a read whose replica connection fails runs
   * again there). Inside a writer it joins the writer.
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
    return runner.openSession();
  }

  /**
   * How many connections are in use now: held by running transactions, or by sessions from {@link
   * #openSession()} not yet closed. Zero when no work runs; a test kit reads it at the end of a
   * test to find a connection left open.
   */
  public int connectionsInUse() {
    return runner.connectionsInUse();
  }

  /**
   * Where this database reports its measurements, for the work other modules run on it
   * (db-migrate's revisions, db-archive's batches); {@link DatabaseMetrics#NONE} when none were
   * registered.
   */
  public DatabaseMetrics metrics() {
    return metrics;
  }

  /** The configuration this database was built with. */
  public DatabaseConfig config() {
    return config;
  }

  /**
   * Closes the pools Plinth built; transactions still running on them fail. A service's own {@link
   * DataSource}s stay open. Safe to call more than once.
   */
  @Override
  public void close() {
    sources.close();
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
    private DataSource dataSource;
    private DataSource readerDataSource;
    private String poolName = "plinth";
    private Consumer<HikariConfig> hikari = hc -> {};
    private DatabaseMetrics metrics;

    private Builder() {}

    /**
     * Runs on the service's own {@link DataSource} (HikariCP or any other pool) instead of pools
     * Plinth builds: the backend is read from the first connection's metadata, the dialect's
     * session set-up runs once per physical connection, and {@link Database#close()} leaves the
     * source open. Retries, error translation, nesting rules and mappers work as on Plinth's own
     * pools. A {@link #config(DatabaseConfig)} given as well supplies the retry and statement
     * settings; its URL is then only a name.
     *
     * @throws NullPointerException if {@code writer} is null
     */
    public Builder dataSource(DataSource writer) {
      this.dataSource = Objects.requireNonNull(writer, "writer");
      return this;
    }

    /**
     * Reads {@link Database#asyncReader()} transactions from the service's replica source; needs
     * {@link #dataSource(DataSource)}.
     *
     * @throws NullPointerException if {@code reader} is null
     */
    public Builder readerDataSource(DataSource reader) {
      this.readerDataSource = Objects.requireNonNull(reader, "reader");
      return this;
    }

    /**
     * Names the pools Plinth builds ({@code <name>-writer}, {@code <name>-reader}; {@code plinth}
     * by default), as HikariCP's log lines, thread names and metrics show them: one name per {@code
     * Database} of a service.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder poolName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("poolName must not be blank");
      }
      this.poolName = name;
      return this;
    }

    /**
     * Adjusts the HikariCP settings of the pools Plinth builds, after Plinth's own (for example
     * {@code hc -> hc.setLeakDetectionThreshold(60_000)}).
     *
     * @throws NullPointerException if {@code customizer} is null
     */
    public Builder hikari(Consumer<HikariConfig> customizer) {
      this.hikari = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

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
     * Reports this database's measurements to {@code metrics}, typically {@code
     * dev.plinth.db.core.metrics.PlinthMeters.of(meterRegistry)}: HikariCP's meters for the pools
     * Plinth builds (a service's own {@link #dataSource(DataSource)} binds its pool itself), and
     * Plinth's own for transactions, retries, deadlocks, start-up, revisions and archive batches.
     * The parameter is Plinth's {@link DatabaseMetrics} rather than an {@code Object} registry, so
     * a wrong argument fails to compile while only {@code PlinthMeters} names Micrometer, which a
     * service without it then never loads.
     *
     * @throws NullPointerException if {@code metrics} is null
     */
    public Builder metrics(DatabaseMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * Builds the database and waits for its first connection.
     *
     * @throws IllegalArgumentException if neither a URL, a configuration nor a data source was
     *     given, if a data source comes with a URL, pool settings or a replica URL, or if the
     *     configuration is invalid
     * @throws EngineStartException if the database cannot be reached
     */
    public Database build() {
      if (dataSource != null) {
        checkDataSourceAlone();
        return onDataSources(this);
      }
      if (readerDataSource != null) {
        throw new IllegalArgumentException("readerDataSource(...) needs dataSource(...) as well");
      }
      if (config == null && url == null) {
        throw new IllegalArgumentException(
            "give the database a url(...), a config(...) or a dataSource(...)");
      }
      DatabaseConfig complete =
          config == null
              ? DatabaseConfig.builder().connection(url).build()
              : url == null ? config : config.toBuilder().connection(url).build();
      return onOwnPools(this, complete);
    }

    private void checkDataSourceAlone() {
      if (url != null) {
        throw new IllegalArgumentException(
            "dataSource(...) and url(...) both name the database: give one");
      }
      if (config != null && config.slaveConnection().isPresent()) {
        throw new IllegalArgumentException(
            "database.slave_connection is ignored on a service's DataSource:"
                + " give readerDataSource(...) instead");
      }
      if (!poolName.equals("plinth")) {
        throw new IllegalArgumentException(
            "poolName(...) names pools Plinth builds; the service's DataSource has its own");
      }
    }
  }
}
