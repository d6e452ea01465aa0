package dev.plinth.db.it.scaleout;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.server.GaleraCluster;
import dev.plinth.db.testing.server.ThrowAwayServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link GaleraCluster} for a test class (register it as a static {@code @RegisterExtension}
 * field), and databases of their own for its tests, reachable through any node. Statements wait
 * until the node has applied every write committed anywhere before them ({@code wsrep_sync_wait}),
 * so a read through another node sees what was acknowledged. The class is skipped without galera-4
 * unless {@code PLINTH_TEST_REQUIRE} lists galera.
 */
final class ClusterDatabases implements BeforeAllCallback, AfterAllCallback {
  private final String prefix;
  private final AtomicInteger next = new AtomicInteger();
  private GaleraCluster cluster;

  /** Databases named {@code prefix} and a number. */
  ClusterDatabases(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Assumptions.assumeTrue(
        GaleraCluster.required() || GaleraCluster.installed(), "no MariaDB Galera binaries");
    cluster = GaleraCluster.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
    }
  }

  GaleraCluster cluster() {
    return cluster;
  }

  /** Creates a new empty database (replicated to every node) and returns its name. */
  String create() throws SQLException {
    String name = prefix + next.incrementAndGet();
    try (Connection c = DriverManager.getConnection(cluster.node(1).url());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    for (int node = 1; node <= GaleraCluster.SIZE; node++) {
      try (Connection c = DriverManager.getConnection(cluster.node(node).url());
          Statement s = c.createStatement()) {
        // A causal read waits until the node has applied the CREATE DATABASE.
        s.execute("SET SESSION wsrep_sync_wait = 1");
        s.execute("SELECT 1 FROM information_schema.SCHEMATA");
      }
    }
    return name;
  }

  /**
   * The URL of {@code database} through node {@code node}, causal as {@link
   * GaleraCluster#causalUrl}.
   */
  String url(int node, String database) {
    return cluster
        .causalUrl(node)
        .replace("/" + ThrowAwayServer.DATABASE + "?", "/" + database + "?");
  }

  /** A {@link Database} on {@code database} through node {@code node}. */
  Database open(int node, String database) {
    return Database.builder().url(url(node, database)).build();
  }
}
