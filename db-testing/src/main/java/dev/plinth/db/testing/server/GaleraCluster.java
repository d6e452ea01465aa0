package dev.plinth.db.testing.server;

import dev.plinth.db.testing.provision.BackendDiscovery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A three-node MariaDB Galera cluster of a test's own, on loopback ports, run from the installed
 * MariaDB and Debian's galera-4: node 1 bootstraps the cluster, nodes 2 and 3 join it by rsync
 * state transfer. Each node is a {@link ThrowAwayServer} a test may stop, kill and start again; a
 * started node rejoins by incremental or full state transfer. Every node has database {@value
 * ThrowAwayServer#DATABASE}. Closing the cluster kills every node and deletes their files; a JVM
 * shutdown hook does the same for a cluster a test left open.
 *
 * <pre>{@code
 * try (GaleraCluster cluster = GaleraCluster.start()) {
 *   Database db = Database.builder().url(cluster.node(1).url()).build();
 *   ...
 *   cluster.kill(2);
 *   cluster.start(2);
 * }
 * }</pre>
 *
 * <p>When the tests run as root, the nodes run as user {@code mysql}: the rsync daemon that
 * receives a state transfer writes as the server's user. Starting takes about 20 s on two cores;
 * share one cluster per test class.
 */
public final class GaleraCluster implements AutoCloseable {
  /** The number of nodes. */
  public static final int SIZE = 3;

  /** The entry of {@code PLINTH_TEST_REQUIRE} that makes a missing galera-4 fail tests. */
  public static final String REQUIREMENT = "galera";

  private static final Logger LOG = LoggerFactory.getLogger(GaleraCluster.class);
  private static final Duration SYNCED_WITHIN = Duration.ofSeconds(90);

  private final List<GaleraNodeKind> kinds;
  private final List<ThrowAwayServer> nodes = new ArrayList<>();
  private final Thread cleanup = new Thread(this::closeNodes, "galera-cluster-cleanup");

  private GaleraCluster(List<GaleraNodeKind> kinds) {
    this.kinds = kinds;
  }

  /** Whether MariaDB, galera-4 and rsync are installed here. */
  public static boolean installed() {
    return kind("plinth", List.of(new GaleraNodeKind.Ports(0, 0, 0)), 0).installed();
  }

  /** Whether {@code PLINTH_TEST_REQUIRE} lists {@value #REQUIREMENT}: a test must not skip then. */
  public static boolean required() {
    return new BackendDiscovery(System.getenv()).requires(REQUIREMENT);
  }

  /**
   * Starts the three nodes and waits until all are synced in one cluster of three, with database
   * {@value ThrowAwayServer#DATABASE}.
   *
   * @throws IllegalStateException if the binaries are missing, or the cluster does not form (the
   *     message holds the end of the failing node's log)
   */
  public static GaleraCluster start() {
    List<GaleraNodeKind.Ports> members = new ArrayList<>();
    try {
      for (int i = 0; i < SIZE; i++) {
        members.add(
            new GaleraNodeKind.Ports(
                ThrowAwayServer.freePort(),
                ThrowAwayServer.freePort(),
                ThrowAwayServer.freePort()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Galera refuses group names longer than 32 characters.
    String name = "plinth-" + UUID.randomUUID().toString().substring(0, 8);
    List<GaleraNodeKind> kinds = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      kinds.add(kind(name, members, i));
    }
    GaleraCluster cluster = new GaleraCluster(List.copyOf(kinds));
    Runtime.getRuntime().addShutdownHook(cluster.cleanup);
    try {
      long started = System.nanoTime();
      cluster.form();
      LOG.info("{} formed in {} ms", cluster, (System.nanoTime() - started) / 1_000_000);
      return cluster;
    } catch (RuntimeException e) {
      try {
        cluster.close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * Node {@code i}, numbered from 1: its URL, port, process and directory.
   *
   * @throws IllegalArgumentException if there is no such node
   */
  public ThrowAwayServer node(int i) {
    if (i < 1 || i > nodes.size()) {
      throw new IllegalArgumentException("no node " + i + ": the nodes are 1 to " + nodes.size());
    }
    return nodes.get(i - 1);
  }

  /**
   * The JDBC URL of database {@value ThrowAwayServer#DATABASE} on node {@code i} whose sessions are
   * causal ({@code wsrep_sync_wait=15}): each statement first waits until the node has applied
   * every write the cluster had committed, so a row or table made through another node is seen.
   */
  public String causalUrl(int i) {
    return node(i).url() + "&sessionVariables=wsrep_sync_wait=15";
  }

  /** Kills node {@code i} with SIGKILL, as a crash would; the others see it leave. */
  public void kill(int i) {
    node(i).kill();
  }

  /** Shuts node {@code i} down normally: it leaves the cluster and stops. */
  public void stop(int i) {
    node(i).stop();
  }

  /**
   * Starts stopped or killed node {@code i} and waits until it has rejoined and every running node
   * is synced.
   *
   * @throws IllegalStateException if it is running, or does not rejoin within 90 s
   */
  public void start(int i) {
    long started = System.nanoTime();
    node(i).start();
    awaitSynced();
    LOG.info("node {} rejoined in {} ms", i, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Cuts node {@code i} off from the others, as a network partition would, and waits until it knows
   * it is no longer part of the primary component: it keeps running and accepting connections, but
   * refuses queries as not ready.
   *
   * @throws IllegalStateException if it does not leave the primary component within 90 s
   */
  public void isolate(int i) {
    ThrowAwayServer node = node(i);
    node.admin("SET GLOBAL wsrep_provider_options = 'gmcast.isolate=1'");
    long deadline = System.nanoTime() + SYNCED_WITHIN.toNanos();
    while (!"non-Primary".equals(status(node, "wsrep_cluster_status"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("node " + i + " is still in the primary component");
      }
      ThrowAwayServer.pause();
    }
  }

  /**
   * Ends {@link #isolate isolation} of node {@code i} and waits until it has rejoined and every
   * running node is synced.
   *
   * @throws IllegalStateException if they are not within 90 s
   */
  public void reconnect(int i) {
    node(i).admin("SET GLOBAL wsrep_provider_options = 'gmcast.isolate=0'");
    awaitSynced();
  }

  /**
   * Waits until every running node is synced and sees a cluster of all running nodes.
   *
   * @throws IllegalStateException if they are not within 90 s
   */
  public void awaitSynced() {
    long deadline = System.nanoTime() + SYNCED_WITHIN.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = state();
      if (last.isEmpty()) {
        return;
      }
      ThrowAwayServer.pause();
    }
    throw new IllegalStateException(
        "the Galera cluster did not sync within " + SYNCED_WITHIN + ": " + last);
  }

  /** Kills every node and deletes their directories. */
  @Override
  public void close() {
    try {
      closeNodes();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: nothing to remove
      }
    }
  }

  @Override
  public String toString() {
    return "Galera cluster " + nodes;
  }

  private static GaleraNodeKind kind(
      String cluster, List<GaleraNodeKind.Ports> members, int index) {
    return new GaleraNodeKind(
        cluster, "node" + (index + 1), members.get(index), members, index == 0);
  }

  private void form() {
    nodes.add(ThrowAwayServer.create(kinds.get(0), "galera-1", kinds.get(0)::initialize));
    kinds.get(0).joinFromNowOn();
    awaitSynced();
    nodes.get(0).admin("CREATE DATABASE " + ThrowAwayServer.DATABASE);
    for (int i = 1; i < SIZE; i++) {
      GaleraNodeKind kind = kinds.get(i);
      nodes.add(ThrowAwayServer.create(kind, "galera-" + (i + 1), kind::initialize));
    }
    awaitSynced();
  }

  /** What keeps the running nodes from being one synced cluster, or "" when nothing does. */
  private String state() {
    long running = nodes.stream().filter(ThrowAwayServer::running).count();
    StringBuilder problems = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      ThrowAwayServer node = nodes.get(i);
      if (!node.running()) {
        continue;
      }
      String state = status(node, "wsrep_local_state_comment");
      String size = status(node, "wsrep_cluster_size");
      if (!"Synced".equals(state) || !String.valueOf(running).equals(size)) {
        problems.append("node ").append(i + 1).append(": ").append(state);
        problems.append(", cluster size ").append(size).append("; ");
      }
    }
    return problems.toString();
  }

  private static String status(ThrowAwayServer node, String variable) {
    try (Connection c = node.adminConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
      return rs.next() ? rs.getString(2) : "no " + variable;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  private void closeNodes() {
    RuntimeException failure = null;
    for (ThrowAwayServer node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
