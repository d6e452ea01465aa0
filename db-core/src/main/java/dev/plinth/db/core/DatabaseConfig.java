package dev.plinth.db.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

  /** Every key this class understands, without the {@code database.} prefix. */
  public static final Set<String> KEYS =
      Set.of(
          "connection",
          "slave_connection",
          "max_pool_size",
          "pool_timeout",
          "connection_recycle_time",
          "max_retries",
          "retry_interval",
          "db_max_retries",
          "db_retry_interval",
          "db_inc_retry_interval",
          "db_max_retry_interval",
          "mysql_sql_mode",
          "sqlite_synchronous",
          "connection_debug",
          "connection_parameters",
          "socket_timeout");

  private final String connection;
  private final String slaveConnection;
  private final int maxPoolSize;
  private final Duration poolTimeout;
  private final Duration connectionRecycleTime;
  private final int maxRetries;
  private final Duration retryInterval;
  private final int dbMaxRetries;
  private final Duration dbRetryInterval;
  private final boolean dbIncRetryInterval;
  private final Duration dbMaxRetryInterval;
  private final String mysqlSqlMode;
  private final boolean sqliteSynchronous;
  private final int connectionDebug;
  private final String connectionParameters;
  private final Duration socketTimeout;

  private DatabaseConfig(ValueReader r) {
    connection = r.url("connection", true);
    slaveConnection = r.url("slave_connection", false);
    maxPoolSize = r.integer("max_pool_size", 5, 1, 10_000);
    poolTimeout = r.seconds("pool_timeout", 10, 1);
    connectionRecycleTime = r.seconds("connection_recycle_time", 3600, 60);
    maxRetries = r.integer("max_retries", 10, -1, Integer.MAX_VALUE);
    retryInterval = r.seconds("retry_interval", 10, 0);
    dbMaxRetries = r.integer("db_max_retries", 20, 0, Integer.MAX_VALUE);
    dbRetryInterval = r.seconds("db_retry_interval", 1, 0);
    dbIncRetryInterval = r.bool("db_inc_retry_interval", true);
    dbMaxRetryInterval = r.seconds("db_max_retry_interval", 10, 0);
    mysqlSqlMode = r.string("mysql_sql_mode", "TRADITIONAL");
    sqliteSynchronous = r.bool("sqlite_synchronous", true);
    connectionDebug = r.integer("connection_debug", 0, 0, 100);
    connectionParameters = r.string("connection_parameters", "");
    socketTimeout = r.seconds("socket_timeout", 300, 0);
  }

  /** Starts a builder with oslo.db's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The writer's JDBC URL ({@code database.connection}); never {@code null}. */
  public String connection() {
    return connection;
  }

  /** The reader replica's JDBC URL ({@code database.slave_connection}), if one is configured. */
  public Optional<String> slaveConnection() {
    return Optional.ofNullable(slaveConnection);
  }

  /** The most connections each pool holds ({@code database.max_pool_size}, default 5). */
  public int maxPoolSize() {
    return maxPoolSize;
  }

  /** How long a caller waits for a pooled connection ({@code database.pool_timeout}, 10 s). */
  public Duration poolTimeout() {
    return poolTimeout;
  }

  /** The age at which a pooled connection is replaced ({@code connection_recycle_time}, 1 h). */
  public Duration connectionRecycleTime() {
    return connectionRecycleTime;
  }

  /** Start-up connection attempts ({@code database.max_retries}, 10; -1 forever, 0 no check). */
  public int maxRetries() {
    return maxRetries;
  }

  /** The pause between start-up connection attempts ({@code database.retry_interval}, 10 s). */
  public Duration retryInterval() {
    return retryInterval;
  }

  /** Transaction retries after a deadlock or lost connection ({@code db_max_retries}, 20). */
  public int dbMaxRetries() {
    return dbMaxRetries;
  }

  /** The first pause before a transaction retry ({@code database.db_retry_interval}, 1 s). */
  public Duration dbRetryInterval() {
    return dbRetryInterval;
  }

  /** Whether the retry pause doubles after each attempt ({@code db_inc_retry_interval}, true). */
  public boolean dbIncRetryInterval() {
    return dbIncRetryInterval;
  }

  /** The cap on the retry pause ({@code database.db_max_retry_interval}, 10 s). */
  public Duration dbMaxRetryInterval() {
    return dbMaxRetryInterval;
  }

  /** The MySQL session {@code sql_mode} ({@code database.mysql_sql_mode}, TRADITIONAL). */
  public String mysqlSqlMode() {
    return mysqlSqlMode;
  }

  /** Whether SQLite syncs to disk at commit ({@code database.sqlite_synchronous}, true). */
  public boolean sqliteSynchronous() {
    return sqliteSynchronous;
  }

  /** SQL logging verbosity, 0–100 ({@code database.connection_debug}; ≥50 INFO, 100 DEBUG). */
  public int connectionDebug() {
    return connectionDebug;
  }

  /** Extra URL query parameters ({@code database.connection_parameters}, {@code a=1&b=2}). */
  public String connectionParameters() {
    return connectionParameters;
  }

  /**
   * How long a statement may wait on the network before its connection is declared dead ({@code
   * database.socket_timeout}, 300 s; 0 disables). Keep it above the longest statement you run.
   */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** Returns a builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.put("connection", connection);
    if (slaveConnection != null) {
      b.values.put("slave_connection", slaveConnection);
    }
    b.values.put("max_pool_size", Integer.toString(maxPoolSize));
    b.values.put("pool_timeout", Long.toString(poolTimeout.toSeconds()));
    b.values.put("connection_recycle_time", Long.toString(connectionRecycleTime.toSeconds()));
    b.values.put("max_retries", Integer.toString(maxRetries));
    b.values.put("retry_interval", Double.toString(retryInterval.toMillis() / 1000.0));
    b.values.put("db_max_retries", Integer.toString(dbMaxRetries));
    b.values.put("db_retry_interval", Double.toString(dbRetryInterval.toMillis() / 1000.0));
    b.values.put("db_inc_retry_interval", Boolean.toString(dbIncRetryInterval));
    b.values.put("db_max_retry_interval", Double.toString(dbMaxRetryInterval.toMillis() / 1000.0));
    b.values.put("mysql_sql_mode", mysqlSqlMode);
    b.values.put("sqlite_synchronous", Boolean.toString(sqliteSynchronous));
    b.values.put("connection_debug", Integer.toString(connectionDebug));
    b.values.put("connection_parameters", connectionParameters);
    b.values.put("socket_timeout", Long.toString(socketTimeout.toSeconds()));
    return b;
  }

  @Override
  public String toString() {
    return "DatabaseConfig{connection="
        + UrlSanitizer.sanitize(connection)
        + (slaveConnection == null
            ? ""
            : ", slave_connection=" + UrlSanitizer.sanitize(slaveConnection))
        + ", max_pool_size="
        + maxPoolSize
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
      return set("connection", url);
    }

    /** Sets the reader replica's JDBC URL ({@code database.slave_connection}). */
    public Builder slaveConnection(String url) {
      return set("slave_connection", url);
    }

    /** Sets the pool size ({@code database.max_pool_size}). */
    public Builder maxPoolSize(int size) {
      return set("max_pool_size", Integer.toString(size));
    }

    /** Sets the start-up connection attempts ({@code database.max_retries}). */
    public Builder maxRetries(int attempts) {
      return set("max_retries", Integer.toString(attempts));
    }

    /** Sets the pause between start-up connection attempts ({@code database.retry_interval}). */
    public Builder retryInterval(Duration interval) {
      return set("retry_interval", seconds(interval));
    }

    /** Sets the transaction retry count ({@code database.db_max_retries}). */
    public Builder dbMaxRetries(int retries) {
      return set("db_max_retries", Integer.toString(retries));
    }

    /** Sets the first transaction retry pause ({@code database.db_retry_interval}). */
    public Builder dbRetryInterval(Duration interval) {
      return set("db_retry_interval", seconds(interval));
    }

    /** Sets whether retry pauses double ({@code database.db_inc_retry_interval}). */
    public Builder dbIncRetryInterval(boolean increase) {
      return set("db_inc_retry_interval", Boolean.toString(increase));
    }

    /** Sets the cap on retry pauses ({@code database.db_max_retry_interval}). */
    public Builder dbMaxRetryInterval(Duration interval) {
      return set("db_max_retry_interval", seconds(interval));
    }

    /** Sets the pool wait ({@code database.pool_timeout}). */
    public Builder poolTimeout(Duration timeout) {
      return set("pool_timeout", seconds(timeout));
    }

    /** Sets the statement network timeout ({@code database.socket_timeout}; zero disables). */
    public Builder socketTimeout(Duration timeout) {
      return set("socket_timeout", seconds(timeout));
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
      return new DatabaseConfig(new ValueReader(values));
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

    private static String seconds(Duration d) {
      return Double.toString(d.toMillis() / 1000.0);
    }
  }
}
