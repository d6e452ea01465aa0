package dev.plinth.db.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.Dialects;

/**
 * The switch that runs a test suite on pools a service would own: with {@code
 * PLINTH_TEST_CONNECTIONS=service-pool} (or the system property {@code plinth.test.connections}),
 * {@link TestDatabase#open} builds each {@code Database} on a plain HikariCP pool of its own, in
 * auto-commit mode and without Plinth's driver settings, through {@code
 * Database.builder().dataSource(...)}, so that the same tests prove both ways of running.
 */
final class ServicePools {
  private static final String SERVICE_POOL = "service-pool";

  private ServicePools() {}

  static boolean enabled() {
    String setting = System.getProperty("plinth.test.connections");
    if (setting == null) {
      setting = System.getenv("PLINTH_TEST_CONNECTIONS");
    }
    return SERVICE_POOL.equals(setting);
  }

  /**
   * A pool as a service would configure it for {@code url}: HikariCP's defaults (auto-commit, no
   * session set-up) but its size, lazy start, and the driver properties Plinth's own pools use
   * (SQLite's WAL mode, timeouts), which a service sets in its pool's configuration.
   */
  static HikariDataSource create(String url, DatabaseConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("service");
    hc.setJdbcUrl(url);
    hc.setDataSourceProperties(Dialects.forUrl(url).driverProperties(url, config));
    hc.setInitializationFailTimeout(-1);
    hc.setMaximumPoolSize(config.maxPoolSize());
    hc.setConnectionTimeout(config.poolTimeout().toMillis());
    return new HikariDataSource(hc);
  }
}
