package dev.plinth.db.testing.provision;

import dev.plinth.db.core.UrlSanitizer;
import dev.plinth.db.testing.Backend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Finds the database servers tests can use: the administrator URL in {@code
 * PLINTH_TEST_POSTGRESQL_URL} / {@code PLINTH_TEST_MYSQL_URL}, else the usual local server, else a
 * Testcontainers container when a Docker engine answers. {@code PLINTH_TEST_REQUIRE} lists backends
 * whose absence fails tests instead of skipping them; {@code PLINTH_TEST_BACKENDS} limits the
 * backends tests run on. Each backend is probed once per instance.
 */
public final class BackendDiscovery {
  /** Comma-separated backends whose absence is a failure, e.g. {@code postgresql,mysql}. */
  public static final String REQUIRE = "PLINTH_TEST_REQUIRE";

  /**
   * Entries of {@code PLINTH_TEST_REQUIRE} that name servers of a backend rather than a backend:
   * {@code galera}, a MariaDB Galera cluster (db-testing's {@code GaleraCluster}).
   */
  public static final Set<String> SERVERS = Set.of("galera");

  /** Comma-separated backends to run on; all when unset. */
  public static final String ONLY = "PLINTH_TEST_BACKENDS";

  static final String LOCAL_POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  static final String LOCAL_MYSQL = "jdbc:mariadb://127.0.0.1:3306/?user=root";

  private final Map<String, String> env;
  private final Map<Backend, Availability> found = new EnumMap<>(Backend.class);

  /** Creates a discovery that reads its settings from {@code env}. */
  public BackendDiscovery(Map<String, String> env) {
    this.env = env;
  }

  /**
   * What is known about a backend's server.
   *
   * @param server the server, or {@code null} when none was found
   * @param reason where the server came from, or why none was found
   */
  public record Availability(ServerBackend server, String reason) {
    /** Whether a server was found. */
    public boolean available() {
      return server != null;
    }
  }

  /** The backends that must be present. */
  public Set<Backend> required() {
    return parse(env.get(REQUIRE), EnumSet.noneOf(Backend.class));
  }

  /**
   * Whether {@code PLINTH_TEST_REQUIRE} lists {@code server}, one of the servers that are no
   * backend of their own ({@link #SERVERS}): its tests must fail rather than skip without it.
   */
  public boolean requires(String server) {
    String list = env.get(REQUIRE);
    return list != null
        && Arrays.stream(list.split(","))
            .map(id -> id.trim().toLowerCase(Locale.ROOT))
            .anyMatch(server::equals);
  }

  /** The backends tests should run on. */
  public Set<Backend> selected() {
    return parse(env.get(ONLY), EnumSet.allOf(Backend.class));
  }

  /** Finds (once) the server for a server backend; SQLite needs none and is always available. */
  public synchronized Availability find(Backend backend) {
    return found.computeIfAbsent(backend, this::probe);
  }

  private Availability probe(Backend backend) {
    if (backend == Backend.SQLITE) {
      return new Availability(null, "embedded");
    }
    String variable = "PLINTH_TEST_" + backend.name() + "_URL";
    String configured = env.get(variable);
    String url =
        configured != null
            ? configured
            : backend == Backend.POSTGRESQL ? LOCAL_POSTGRESQL : LOCAL_MYSQL;
    String failure = reach(url);
    if (failure == null) {
      return new Availability(server(backend, url), UrlSanitizer.sanitize(url));
    }
    String tried = (configured != null ? variable + "=" : "local default ") + sanitizedOf(url);
    if (configured == null) {
      ContainerServers containers = new ContainerServers();
      if (containers.dockerAvailable()) {
        String containerUrl = containers.start(backend);
        return new Availability(server(backend, containerUrl), "Testcontainers");
      }
      return new Availability(
          null, tried + ": " + failure + "; no Docker engine for Testcontainers");
    }
    return new Availability(null, tried + ": " + failure);
  }

  private static ServerBackend server(Backend backend, String url) {
    return backend == Backend.POSTGRESQL ? new PostgresServer(url) : new MysqlServer(url);
  }

  private static String reach(String url) {
    Properties p = new Properties();
    p.setProperty("connectTimeout", url.startsWith("jdbc:postgresql:") ? "3" : "3000");
    try (Connection c = DriverManager.getConnection(url, p)) {
      return c.isValid(3) ? null : "connection not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  private static String sanitizedOf(String url) {
    return UrlSanitizer.sanitize(url);
  }

  private static Set<Backend> parse(String list, Set<Backend> fallback) {
    if (list == null || list.isBlank()) {
      return fallback;
    }
    Set<Backend> backends = EnumSet.noneOf(Backend.class);
    for (String id : list.split(",")) {
      if (!id.isBlank() && !SERVERS.contains(id.trim().toLowerCase(Locale.ROOT))) {
        backends.add(Backend.fromId(id));
      }
    }
    return backends;
  }
}
