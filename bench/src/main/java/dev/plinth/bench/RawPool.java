package dev.plinth.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Dialects;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.pool.Pools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The baseline's pool: plain HikariCP, configured by hand with the values Plinth's {@link Pools}
 * gives a file or server database, the driver properties of Plinth's dialect and the dialect's
 * per-connection set-up. {@link #create} checks the settings against a pool built by {@link Pools}
 * and refuses to run the benchmark if they have drifted apart.
 */
final class RawPool {
  private static final long VALIDATION_TIMEOUT_MS = 5_000;
  private static final long KEEPALIVE_MS = 120_000;

  private static final Map<String, Function<HikariConfig, Object>> SETTINGS =
      Map.of(
          "autoCommit", HikariConfig::isAutoCommit,
          "connectionTimeout", HikariConfig::getConnectionTimeout,
          "validationTimeout", HikariConfig::getValidationTimeout,
          "initializationFailTimeout", HikariConfig::getInitializationFailTimeout,
          "maximumPoolSize", HikariConfig::getMaximumPoolSize,
          "minimumIdle", HikariConfig::getMinimumIdle,
          "maxLifetime", HikariConfig::getMaxLifetime,
          "idleTimeout", HikariConfig::getIdleTimeout,
          "keepaliveTime", HikariConfig::getKeepaliveTime,
          "transactionIsolation", HikariConfig::getTransactionIsolation);

  private RawPool() {}

  /**
   * Opens a HikariCP pool for {@code url} set up as Plinth's writer pool is under {@code config}.
   *
   * @throws IllegalStateException if the settings differ from those {@link Pools} chooses
   */
  static HikariDataSource create(String url, DatabaseConfig config) {
    Dialect dialect = Dialects.forUrl(url);
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("raw");
    hc.setDataSource(Pools.unpooled(url, dialect, config));
    hc.setAutoCommit(false);
    hc.setConnectionTimeout(config.poolTimeout().toMillis());
    hc.setValidationTimeout(VALIDATION_TIMEOUT_MS);
    hc.setInitializationFailTimeout(-1);
    hc.setMaximumPoolSize(config.maxPoolSize());
    hc.setMinimumIdle(Math.min(1, config.maxPoolSize()));
    hc.setMaxLifetime(config.connectionRecycleTime().toMillis());
    hc.setKeepaliveTime(Math.min(KEEPALIVE_MS, config.connectionRecycleTime().toMillis() / 2));
    requireSameSettings(hc, url, dialect, config);
    return new HikariDataSource(hc);
  }

  private static void requireSameSettings(
      HikariConfig raw, String url, Dialect dialect, DatabaseConfig config) {
    try (HikariDataSource plinth =
        Pools.create("plinth-reference", url, dialect, config, hc -> {})) {
      List<String> drifted = new ArrayList<>();
      SETTINGS.forEach(
          (name, value) -> {
            if (!Objects.equals(value.apply(raw), value.apply(plinth))) {
              drifted.add(name + ": raw " + value.apply(raw) + ", Plinth " + value.apply(plinth));
            }
          });
      if (!drifted.isEmpty()) {
        throw new IllegalStateException(
            "the raw pool no longer matches Plinth's Pools, update RawPool: " + drifted);
      }
    }
  }
}
