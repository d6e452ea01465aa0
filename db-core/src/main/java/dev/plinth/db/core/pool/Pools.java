package dev.plinth.db.core.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.dialect.Dialect;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Builds the HikariCP pools of a database, tuned to notice failures quickly: a short connection
 * timeout so the retry layer decides rather than a long block, keepalive probes on idle
 * connections, validation on borrow after idleness (HikariCP's default), and driver socket and
 * connect timeouts set by the dialect.
 */
public final class Pools {
  private static final Duration KEEPALIVE = Duration.ofMinutes(2);
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(5);

  private Pools() {}

  /**
   * Creates a pool for {@code url}. The pool starts empty and opens its first connection on demand,
   * so start-up retries stay with {@link dev.plinth.db.core.Database}.
   *
   * @param name the pool's name, shown in HikariCP's log lines and thread names
   * @param url the JDBC URL, before {@code connection_parameters} are appended
   * @param customizer adjusts the HikariCP settings after Plinth's own
   */
  public static HikariDataSource create(
      String name,
      String url,
      Dialect dialect,
      DatabaseConfig config,
      Consumer<HikariConfig> customizer) {
    String fullUrl = withParameters(url, config.connectionParameters());
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(name);
    hc.setDataSource(unpooled(url, dialect, config));
    hc.setAutoCommit(false);
    hc.setConnectionTimeout(config.poolTimeout().toMillis());
    hc.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    hc.setInitializationFailTimeout(-1);
    if (dialect.singleConnection(fullUrl)) {
      hc.setMaximumPoolSize(1);
      hc.setMinimumIdle(1);
      hc.setMaxLifetime(0);
      hc.setIdleTimeout(0);
    } else {
      hc.setMaximumPoolSize(config.maxPoolSize());
      hc.setMinimumIdle(Math.min(1, config.maxPoolSize()));
      hc.setMaxLifetime(config.connectionRecycleTime().toMillis());
      hc.setKeepaliveTime(
          Math.min(KEEPALIVE.toMillis(), config.connectionRecycleTime().toMillis() / 2));
    }
    customizer.accept(hc);
    return new HikariDataSource(hc);
  }

  /**
   * A data source that opens one physical connection per call, with the same driver settings and
   * session set-up as the pool's: its failures are the driver's own, at once, without a pool
   * timeout in between.
   *
   * @param url the JDBC URL, before {@code connection_parameters} are appended
   */
  public static DataSource unpooled(String url, Dialect dialect, DatabaseConfig config) {
    String fullUrl = withParameters(url, config.connectionParameters());
    return new InitializingDataSource(
        fullUrl, dialect.driverProperties(fullUrl, config), dialect, config);
  }

  /**
   * The URL the driver is given: {@code url} with {@code connection_parameters} appended to its
   * query.
   */
  public static String withParameters(String url, String parameters) {
    if (parameters == null || parameters.isEmpty()) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + parameters;
  }
}
