package dev.plinth.db.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Immutable settings of a {@link Database}. Keys keep oslo.db's {@code [database]} option names
 * under the {@code database.} prefix, so an operator who knows oslo.db recognises them; environment
 * variables {@code PLINTH_DATABASE_<KEY>} (upper case) override them. Values are validated once, at
 * {@link Builder#build()}, and a bad one is reported with its key (and never with a password).
 */
public final class DatabaseConfig {
  static final String PREFIX = "database.";
  static final String ENV_PREFIX = "PLINTH_DATABASE_";

  static final ConfigOption<String> CONNECTION =
      ConfigOption.url(
          "connection",
          "writer JDBC URL: `jdbc:sqlite:app.db`, `jdbc:postgresql://host/db?user=u`,"
              + " `jdbc:mariadb://host/db?user=u` (or `jdbc:mysql://`)");
  static final ConfigOption<String> SLAVE_CONNECTION =
      ConfigOption.url("slave_connection", "read replica URL, used by `asyncReader()`");
  static final ConfigOption<Duration> MAX_REPLICA_LAG =
      ConfigOption.seconds(
          "max_replica_lag",
          30,
          0,
          "(Plinth) while the replica lags more than this, or does not answer, async reads go to"
              + " the primary");
  static final ConfigOption<Duration> REPLICA_CHECK_INTERVAL =
      ConfigOption.seconds(
          "replica_check_interval",
          5,
          0,
          "(Plinth) how often a background thread measures the replica's lag; above 0");
  static final ConfigOption<Integer> MAX_POOL_SIZE =
      ConfigOption.integer("max_pool_size", 5, 1, 10_000, "connections per pool");
  static final ConfigOption<Duration> POOL_TIMEOUT =
      ConfigOption.seconds(
          "pool_timeout",
          10,
          1,
          "how long a caller waits for a pooled connection (oslo.db leaves SQLAlchemy's 30 s;"
              + " Plinth fails sooner so that the retry layer decides)");
  static final ConfigOption<Duration> CONNECTION_RECYCLE_TIME =
      ConfigOption.seconds(
          "connection_recycle_time",
          3600,
          60,
          "a pooled connection older than this is replaced (minimum 60 s)");
  static final ConfigOption<Integer> MAX_RETRIES =
      ConfigOption.integer(
          "max_retries",
          10,
          -1,
          Integer.MAX_VALUE,
          "start-up connection attempts; `-1` retries forever, `0` skips the check");
  static final ConfigOption<Duration> RETRY_INTERVAL =
      ConfigOption.seconds("retry_interval", 10, 0, "pause between start-up connection attempts");
  static final ConfigOption<Integer> DB_MAX_RETRIES =
      ConfigOption.integer(
          "db_max_retries",
          20,
          0,
          Integer.MAX_VALUE,
          "retries of a whole outermost transaction after a deadlock or lost connection");
  static final ConfigOption<Duration> DB_RETRY_INTERVAL =
      ConfigOption.seconds(
          "db_retry_interval",
          1,
          0,
          "the first pause before a transaction retry; pauses after a deadlock are drawn at"
              + " random below the schedule's");
  static final ConfigOption<Boolean> DB_INC_RETRY_INTERVAL =
      ConfigOption.bool(
          "db_inc_retry_interval", true, "whether the pause doubles: 1, 2, 4, 8, 10, 10 … s");
  static final ConfigOption<Duration> DB_MAX_RETRY_INTERVAL =
      ConfigOption.seconds(
          "db_max_retry_interval", 10, 0, "the cap on the pause; not below `db_retry_interval`");
  static final ConfigOption<String> MYSQL_SQL_MODE =
      ConfigOption.string(
          "mysql_sql_mode",
          "TRADITIONAL",
          "MySQL/MariaDB session `sql_mode`, set once per connection");
  static final ConfigOption<Boolean> MYSQL_COMMIT_MARKERS =
      ConfigOption.bool(
          "mysql_commit_markers",
          false,
          "(Plinth) MySQL/MariaDB: each writing transaction also upserts a row of table"
              + " `plinth_commit_markers`, so that a commit whose acknowledgement is lost is"
              + " resolved instead of retried (PostgreSQL always resolves it)");
  static final ConfigOption<Boolean> SQLITE_SYNCHRONOUS =
      ConfigOption.bool("sqlite_synchronous", true, "false sets `PRAGMA synchronous=OFF`");
  static final ConfigOption<Integer> CONNECTION_DEBUG =
      ConfigOption.integer(
          "connection_debug",
          0,
          0,
          100,
          "≥ 50 logs each statement at INFO, 100 at DEBUG with bind values (logger"
              + " `dev.plinth.db.core.sql`)");
  static final ConfigOption<String> CONNECTION_PARAMETERS =
      ConfigOption.string(
          "connection_parameters",
          "",
          "appended to the URL's query string, e.g. `sslMode=disable`");
  static final ConfigOption<Duration> SOCKET_TIMEOUT =
      ConfigOption.seconds(
          "socket_timeout",
          300,
          0,
          "(Plinth) a statement waiting longer than this on the network declares its connection"
              + " dead; 0 disables. Keep it above your longest statement. PostgreSQL's driver takes"
              + " whole seconds: a fraction is rounded up");

  /** Every option, in the order the docs list them. */
  static final List<ConfigOption<?>> OPTIONS =
      List.of(
          CONNECTION,
          SLAVE_CONNECTION,
          MAX_REPLICA_LAG,
          REPLICA_CHECK_INTERVAL,
          MAX_POOL_SIZE,
          POOL_TIMEOUT,
          CONNECTION_RECYCLE_TIME,
          MAX_RETRIES,
          RETRY_INTERVAL,
          DB_MAX_RETRIES,
          DB_RETRY_INTERVAL,
          DB_INC_RETRY_INTERVAL,
          DB_MAX_RETRY_INTERVAL,
          MYSQL_SQL_MODE,
          MYSQL_COMMIT_MARKERS,
          SQLITE_SYNCHRONOUS,
          CONNECTION_DEBUG,
          CONNECTION_PARAMETERS,
          SOCKET_TIMEOUT);

  /** Every key this class understands, without the {@code database.} prefix. */
  public static final Set<String> KEYS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(OPTIONS.stream().map(ConfigOption::key).toList()));

  private final Map<ConfigOption<?>, Object> values;

  private DatabaseConfig(Map<String, String> raw) {
    Map<ConfigOption<?>, Object> parsed = new HashMap<>();
    for (ConfigOption<?> option : OPTIONS) {
      Object value = option.read(raw);
      if (value != null) {
        parsed.put(option, value);
      }
    }
    this.values = parsed;
    validate();
  }

  /** Checks what no single option can: the one required key, and options that bound each other. */
  private void validate() {
    if (!values.containsKey(CONNECTION)) {
      throw new IllegalArgumentException(
          PREFIX
              + CONNECTION.key()
              + " is not set: give a JDBC URL such as jdbc:sqlite:app.db, "
              + "jdbc:postgresql://host/db or jdbc:mariadb://host/db");
    }
    if (replicaCheckInterval().isZero()) {
      throw new IllegalArgumentException(
          PREFIX + REPLICA_CHECK_INTERVAL.key() + " is 0: give a positive number of seconds");
    }
    if (dbRetryInterval().compareTo(dbMaxRetryInterval()) > 0) {
      throw new IllegalArgumentException(
          PREFIX
              + DB_RETRY_INTERVAL.key()
              + " ("
              + DB_RETRY_INTERVAL.format(dbRetryInterval())
              + " s) is above "
              + PREFIX
              + DB_MAX_RETRY_INTERVAL.key()
              + " ("
              + DB_MAX_RETRY_INTERVAL.format(dbMaxRetryInterval())
              + " s): the first pause cannot exceed the cap");
    }
  }

  private <T> T get(ConfigOption<T> option) {
    @SuppressWarnings("unchecked")
    T value = (T) values.get(option);
    return value;
  }

  /** Starts a builder with oslo.db's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The writer's JDBC URL ({@code database.connection}); never {@code null}. */
  public String connection() {
    return get(CONNECTION);
  }

  /** The reader replica's JDBC URL ({@code database.slave_connection}), if one is configured. */
  public Optional<String> slaveConnection() {
    return Optional.ofNullable(get(SLAVE_CONNECTION));
  }

  /**
   * The replica lag beyond which async reads go to the primary ({@code database.max_replica_lag},
   * 30 s).
   */
  public Duration maxReplicaLag() {
    return get(MAX_REPLICA_LAG);
  }

  /** How often the replica's lag is measured ({@code database.replica_check_interval}, 5 s). */
  public Duration replicaCheckInterval() {
    return get(REPLICA_CHECK_INTERVAL);
  }

  /** The most connections each pool holds ({@code database.max_pool_size}, default 5). */
  public int maxPoolSize() {
    return get(MAX_POOL_SIZE);
  }

  /** How long a caller waits for a pooled connection ({@code database.pool_timeout}, 10 s). */
  public Duration poolTimeout() {
    return get(POOL_TIMEOUT);
  }

  /** The age at which a pooled connection is replaced ({@code connection_recycle_time}, 1 h). */
  public Duration connectionRecycleTime() {
    return get(CONNECTION_RECYCLE_TIME);
  }

  /** Start-up connection attempts ({@code database.max_retries}, 10; -1 forever, 0 no check). */
  public int maxRetries() {
    return get(MAX_RETRIES);
  }

  /** The pause between start-up connection attempts ({@code database.retry_interval}, 10 s). */
  public Duration retryInterval() {
    return get(RETRY_INTERVAL);
  }

  /** Transaction retries after a deadlock or lost connection ({@code db_max_retries}, 20). */
  public int dbMaxRetries() {
    return get(DB_MAX_RETRIES);
  }

  /** The first pause before a transaction retry ({@code database.db_retry_interval}, 1 s). */
  public Duration dbRetryInterval() {
    return get(DB_RETRY_INTERVAL);
  }

  /** Whether the retry pause doubles after each attempt ({@code db_inc_retry_interval}, true). */
  public boolean dbIncRetryInterval() {
    return get(DB_INC_RETRY_INTERVAL);
  }

  /** The cap on the retry pause ({@code database.db_max_retry_interval}, 10 s). */
  public Duration dbMaxRetryInterval() {
    return get(DB_MAX_RETRY_INTERVAL);
  }

  /** The MySQL session {@code sql_mode} ({@code database.mysql_sql_mode}, TRADITIONAL). */
  public String mysqlSqlMode() {
    return get(MYSQL_SQL_MODE);
  }

  /**
   * Whether MySQL/MariaDB transactions write a commit marker, so that a commit whose
   * acknowledgement is lost is resolved rather than retried ({@code database.mysql_commit_markers},
   * false).
   */
  public boolean mysqlCommitMarkers() {
    return get(MYSQL_COMMIT_MARKERS);
  }

  /** Whether SQLite syncs to disk at commit ({@code database.sqlite_synchronous}, true). */
  public boolean sqliteSynchronous() {
    return get(SQLITE_SYNCHRONOUS);
  }

  /** SQL logging verbosity, 0–100 ({@code database.connection_debug}; ≥50 INFO, 100 DEBUG). */
  public int connectionDebug() {
    return get(CONNECTION_DEBUG);
  }

  /** Extra URL query parameters ({@code database.connection_parameters}, {@code a=1&b=2}). */
  public String connectionParameters() {
    return get(CONNECTION_PARAMETERS);
  }

  /**
   * How long a statement may wait on the network before its connection is declared dead ({@code
   * database.socket_timeout}, 300 s; 0 disables). Keep it above the longest statement you run.
   */
  public Duration socketTimeout() {
    return get(SOCKET_TIMEOUT);
  }

  /** Returns a builder that starts from this configuration, every value at full precision. */
  public Builder toBuilder() {
    Builder b = new Builder();
    values.forEach((option, value) -> b.values.put(option.key(), option.format(value)));
    return b;
  }

  /** The options table of the guide: one row per option with its default and meaning. */
  static String optionsTable() {
    StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    for (ConfigOption<?> option : OPTIONS) {
      table
          .append("| `")
          .append(option.key())
          .append("` | ")
          .append(option == CONNECTION ? "(required)" : option.defaultText())
          .append(" | ")
          .append(option.meaning())
          .append(" |\n");
    }
    return table.toString();
  }

  @Override
  public String toString() {
    return "DatabaseConfig{connection="
        + UrlSanitizer.sanitize(connection())
        + slaveConnection()
            .map(url -> ", slave_connection=" + UrlSanitizer.sanitize(url))
            .orElse("")
        + ", max_pool_size="
        + maxPoolSize()
        + "}";
  }

  /**
   * Collects settings from code, a properties file and the environment; the last value given for a
   * key wins. Nothing is checked until {@link #build()}.
   */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets one option by its oslo.db name, with or without the {@code database.} prefix.
     *
     * @param key an option name such as {@code max_pool_size}
     * @param value its value as text; {@code null} removes it
     * @return this builder
     * @throws IllegalArgumentException if the key is not a known option
     */
    public Builder set(String key, String value) {
      String name = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown database option '" + PREFIX + name + "'; known options: " + KEYS);
      }
      if (value == null) {
        values.remove(name);
      } else {
        values.put(name, value.trim());
      }
      return this;
    }

    /** Sets the writer's JDBC URL ({@code database.connection}). */
    public Builder connection(String url) {
      return set(CONNECTION.key(), url);
    }

    /** Sets the reader replica's JDBC URL ({@code database.slave_connection}). */
    public Builder slaveConnection(String url) {
      return set(SLAVE_CONNECTION.key(), url);
    }

    /** Sets the replica lag bound for async reads ({@code database.max_replica_lag}). */
    public Builder maxReplicaLag(Duration lag) {
      return set(MAX_REPLICA_LAG, lag);
    }

    /** Sets how often the replica's lag is measured ({@code database.replica_check_interval}). */
    public Builder replicaCheckInterval(Duration interval) {
      return set(REPLICA_CHECK_INTERVAL, interval);
    }

    /** Sets the pool size ({@code database.max_pool_size}). */
    public Builder maxPoolSize(int size) {
      return set(MAX_POOL_SIZE, size);
    }

    /** Sets the start-up connection attempts ({@code database.max_retries}). */
    public Builder maxRetries(int attempts) {
      return set(MAX_RETRIES, attempts);
    }

    /** Sets the pause between start-up connection attempts ({@code database.retry_interval}). */
    public Builder retryInterval(Duration interval) {
      return set(RETRY_INTERVAL, interval);
    }

    /** Sets the transaction retry count ({@code database.db_max_retries}). */
    public Builder dbMaxRetries(int retries) {
      return set(DB_MAX_RETRIES, retries);
    }

    /** Sets the first transaction retry pause ({@code database.db_retry_interval}). */
    public Builder dbRetryInterval(Duration interval) {
      return set(DB_RETRY_INTERVAL, interval);
    }

    /** Sets whether retry pauses double ({@code database.db_inc_retry_interval}). */
    public Builder dbIncRetryInterval(boolean increase) {
      return set(DB_INC_RETRY_INTERVAL, increase);
    }

    /** Sets the cap on retry pauses ({@code database.db_max_retry_interval}). */
    public Builder dbMaxRetryInterval(Duration interval) {
      return set(DB_MAX_RETRY_INTERVAL, interval);
    }

    /** Sets the pool wait ({@code database.pool_timeout}). */
    public Builder poolTimeout(Duration timeout) {
      return set(POOL_TIMEOUT, timeout);
    }

    /** Sets the statement network timeout ({@code database.socket_timeout}; zero disables). */
    public Builder socketTimeout(Duration timeout) {
      return set(SOCKET_TIMEOUT, timeout);
    }

    /** Sets the age at which pooled connections are replaced ({@code connection_recycle_time}). */
    public Builder connectionRecycleTime(Duration age) {
      return set(CONNECTION_RECYCLE_TIME, age);
    }

    /** Sets the MySQL session {@code sql_mode} ({@code database.mysql_sql_mode}). */
    public Builder mysqlSqlMode(String mode) {
      return set(MYSQL_SQL_MODE, mode);
    }

    /**
     * Sets whether MySQL/MariaDB transactions write a commit marker ({@code
     * database.mysql_commit_markers}).
     */
    public Builder mysqlCommitMarkers(boolean on) {
      return set(MYSQL_COMMIT_MARKERS, on);
    }

    /** Sets whether SQLite syncs to disk at commit ({@code database.sqlite_synchronous}). */
    public Builder sqliteSynchronous(boolean synchronous) {
      return set(SQLITE_SYNCHRONOUS, synchronous);
    }

    /** Sets the SQL logging verbosity, 0–100 ({@code database.connection_debug}). */
    public Builder connectionDebug(int level) {
      return set(CONNECTION_DEBUG, level);
    }

    /**
     * Sets extra URL query parameters ({@code database.connection_parameters}, {@code a=1&b=2}).
     */
    public Builder connectionParameters(String parameters) {
      return set(CONNECTION_PARAMETERS, parameters);
    }

    /**
     * Applies every {@code database.*} entry of the properties; other entries are ignored.
     *
     * @throws IllegalArgumentException if a {@code database.*} key is not a known option, or a
     *     known option is given without its {@code database.} prefix
     */
    public Builder properties(Properties properties) {
      for (String name : properties.stringPropertyNames()) {
        if (name.startsWith(PREFIX)) {
          set(name, properties.getProperty(name));
        } else if (KEYS.contains(name)) {
          throw new IllegalArgumentException(
              "option '" + name + "' lacks its prefix: write " + PREFIX + name);
        }
      }
      return this;
    }

    /**
     * Applies a properties file.
     *
     * @throws IllegalArgumentException if the file cannot be read, holds an unknown option, an
     *     option without its {@code database.} prefix, or an option set twice
     */
    public Builder propertiesFile(Path file) {
      Properties p = new SingleAssignmentProperties();
      try (Reader in = Files.newBufferedReader(file)) {
        p.load(in);
        return properties(p);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read database configuration " + file, e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }

    /**
     * Applies {@code PLINTH_DATABASE_<KEY>} variables, e.g. {@code PLINTH_DATABASE_MAX_POOL_SIZE};
     * unknown {@code PLINTH_DATABASE_*} variables are refused.
     *
     * @param environment usually {@code System.getenv()}
     */
    public Builder environment(Map<String, String> environment) {
      environment.forEach(
          (name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
              set(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT), value);
            }
          });
      return this;
    }

    /**
     * Validates the settings and returns the configuration.
     *
     * @throws IllegalArgumentException naming the first key whose value is missing or invalid
     */
    public DatabaseConfig build() {
      return new DatabaseConfig(values);
    }

    /**
     * Properties that refuse a key given twice, which {@link Properties} would let the last win.
     */
    private static final class SingleAssignmentProperties extends Properties {
      private static final long serialVersionUID = 1L;

      @Override
      public synchronized Object put(Object key, Object value) {
        if (containsKey(key)) {
          throw new IllegalArgumentException("option '" + key + "' is set twice");
        }
        return super.put(key, value);
      }
    }

    private <T> Builder set(ConfigOption<T> option, T value) {
      return set(option.key(), option.format(Objects.requireNonNull(value, option.key())));
    }
  }
}
