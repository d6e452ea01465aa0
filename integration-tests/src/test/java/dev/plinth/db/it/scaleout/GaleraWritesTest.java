package dev.plinth.db.it.scaleout;

import static dev.plinth.db.it.testing.Sql.execute;
import static dev.plinth.db.it.testing.Sql.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DeadlockException;
import dev.plinth.db.testing.server.GaleraCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes on a real three-node MariaDB Galera cluster ({@link GaleraCluster}): a certification
 * conflict between two nodes is a {@link DeadlockException} and the losing transaction is retried
 * whole; a node outside the primary component answers "not ready", a {@link DbConnectionException}
 * retried on a new connection; writes through one node survive another node's crash and rejoin; two
 * writers on two nodes updating the same rows both finish. One cluster for the class; the sizes of
 * the concurrent runs are system properties ({@code plinth.galera.writes}, {@code
 * plinth.galera.rounds}). Skipped without galera-4 unless {@code PLINTH_TEST_REQUIRE} lists galera.
 */
class GaleraWritesTest {
  private static final int WRITES = Integer.getInteger("plinth.galera.writes", 60);
  private static final int ROUNDS = Integer.getInteger("plinth.galera.rounds", 20);
  private static final int ROWS = 5;
  private static final Duration WITHIN = Duration.ofSeconds(120);
  private static final int LOCK_DEADLOCK = 1213;
  private static final int NOT_READY = 1047;
  private static final int NOT_PRIMARY_AT_COMMIT = 1180;

  private static GaleraCluster cluster;
  private final List<Database> databases = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws SQLException {
    Assumptions.assumeTrue(
        GaleraCluster.required() || GaleraCluster.installed(), "no MariaDB Galera binaries");
    cluster = GaleraCluster.start();
    String url = cluster.node(1).url();
    execute(url, "CREATE TABLE counters (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
    execute(url, "CREATE TABLE journal (id BIGINT AUTO_INCREMENT PRIMARY KEY, n INTEGER)");
  }

  @AfterAll
  static void closeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void resetCounters() throws SQLException {
    execute(cluster.node(1).url(), "DELETE FROM counters");
    execute(cluster.node(1).url(), "DELETE FROM journal");
    for (int id = 1; id <= ROWS; id++) {
      execute(cluster.node(1).url(), "INSERT INTO counters VALUES (" + id + ", 0)");
    }
    for (int node = 2; node <= GaleraCluster.SIZE; node++) {
      assertThat(causalValue(node, "SELECT count(*) FROM counters")).isEqualTo("" + ROWS);
    }
  }

  @AfterEach
  void healCluster() {
    databases.forEach(Database::close);
    for (int i = 1; i <= GaleraCluster.SIZE; i++) {
      if (!cluster.node(i).running()) {
        cluster.start(i);
      }
    }
    cluster.reconnect(3);
  }

  @Test
  void aCertificationConflictWithAnotherNodeIsADeadlock() throws SQLException {
    Database one = open(1, 0);
    Database two = open(2, 0);

    assertThatThrownBy(
            () ->
                one.writer()
                    .run(
                        tx -> {
                          tx.update("UPDATE counters SET v = v + 1 WHERE id = 1");
                          elsewhere(() -> add(two, 10));
                        }))
        .isInstanceOf(DeadlockException.class)
        .satisfies(e -> assertThat(vendorCode(e)).isEqualTo(LOCK_DEADLOCK));
    assertThat(causalValue(3, "SELECT v FROM counters WHERE id = 1")).isEqualTo("10");
  }

  @Test
  void theLoserOfACertificationConflictIsRetriedWhole() throws SQLException {
    Database one = open(1, 5);
    Database two = open(2, 0);
    AtomicInteger attempts = new AtomicInteger();

    one.writer()
        .run(
            tx -> {
              tx.update("UPDATE counters SET v = v + 1 WHERE id = 1");
              if (attempts.incrementAndGet() == 1) {
                elsewhere(() -> add(two, 10));
              }
            });

    assertThat(attempts).hasValue(2);
    assertThat(causalValue(3, "SELECT v FROM counters WHERE id = 1")).isEqualTo("11");
  }

  @Test
  void aNodeOutsideThePrimaryComponentIsNotReadyAConnectionError() {
    Database three = open(3, 0);
    cluster.isolate(3);

    assertThatThrownBy(() -> add(three, 1))
        .isInstanceOf(DbConnectionException.class)
        .satisfies(e -> assertThat(vendorCode(e)).isEqualTo(NOT_READY));
  }

  @Test
  void aCommitOnANodeThatLostThePrimaryComponentIsAConnectionError() {
    assertThat(commitOnNodeThreeAfter(() -> cluster.isolate(3)))
        .isInstanceOf(DbConnectionException.class)
        .satisfies(e -> assertThat(vendorCode(e)).isEqualTo(NOT_READY));
  }

  @Test
  void aCommitAsItsNodeIsCutOffFromThePrimaryComponentIsAConnectionError() {
    assertThat(commitOnNodeThreeAfter(() -> isolateWithoutWaiting(3)))
        .isInstanceOf(DbConnectionException.class)
        .satisfies(e -> assertThat(vendorCode(e)).isEqualTo(NOT_PRIMARY_AT_COMMIT));
  }

  @Test
  void aWriteToANodeThatIsNotReadyIsRetriedOnANewConnectionUntilTheNodeRejoins()
      throws SQLException {
    Database three = open(3, 10);
    cluster.isolate(3);
    List<Long> connections = new ArrayList<>();
    AtomicBoolean isolated = new AtomicBoolean(true);

    three
        .writer()
        .run(
            tx -> {
              connections.add(
                  tx.queryOne("SELECT CONNECTION_ID()", rs -> rs.getLong(1)).orElseThrow());
              if (connections.size() == 2 && isolated.getAndSet(false)) {
                cluster.reconnect(3);
              }
              tx.update("INSERT INTO journal (n) VALUES (1)");
            });

    assertThat(connections).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
    assertThat(causalValue(1, "SELECT count(*) FROM journal WHERE n = 1")).isEqualTo("1");
  }

  @Test
  void everyAcknowledgedWriteThroughNodeOneSurvivesNodeTwoCrashingAndRejoiningExactlyOnce()
      throws Exception {
    Database one = open(1, 20);
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int first = w * 1_000_000;
        running.add(
            writers.submit(
                () -> {
                  for (int n = first; !stop.get(); n++) {
                    int write = n;
                    try {
                      one.writer()
                          .run(tx -> tx.update("INSERT INTO journal (n) VALUES (?)", write));
                      acknowledged.add(write);
                    } catch (RuntimeException e) {
                      failures.add(e);
                    }
                  }
                }));
      }
      await(() -> acknowledged.size() >= WRITES / 3, "writes before the crash");
      cluster.kill(2);
      int beforeRejoin = acknowledged.size();
      await(() -> acknowledged.size() >= beforeRejoin + WRITES / 3, "writes with node 2 down");
      cluster.start(2);
      int afterRejoin = acknowledged.size();
      await(() -> acknowledged.size() >= afterRejoin + WRITES / 3, "writes after the rejoin");
      stop.set(true);
      for (Future<?> f : running) {
        f.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      writers.shutdownNow();
    }

    assertThat(failures).isEmpty();
    Map<Integer, Integer> onNodeThree = journal(3);
    assertThat(onNodeThree.keySet()).containsAll(acknowledged);
    assertThat(onNodeThree.values()).allMatch(copies -> copies == 1, "one row per write");
    assertThat(journal(2)).isEqualTo(onNodeThree);
  }

  @Test
  void twoWritersOnTwoNodesUpdatingTheSameRowsBothCommitAfterRetries() throws Exception {
    CyclicBarrier bothUpdated = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int node = 1; node <= 2; node++) {
        Database db = open(node, 50);
        running.add(
            writers.submit(
                () -> {
                  AtomicBoolean first = new AtomicBoolean(true);
                  for (int round = 0; round < ROUNDS; round++) {
                    db.writer()
                        .run(
                            tx -> {
                              attempts.incrementAndGet();
                              tx.update("UPDATE counters SET v = v + 1 ORDER BY id");
                              if (first.getAndSet(false)) {
                                meet(bothUpdated);
                              }
                            });
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      writers.shutdownNow();
    }

    assertThat(attempts.get()).as("at least one conflict was retried").isGreaterThan(2 * ROUNDS);
    for (int node = 1; node <= GaleraCluster.SIZE; node++) {
      assertThat(causalValue(node, "SELECT CONCAT(min(v), ',', max(v)) FROM counters"))
          .isEqualTo(2 * ROUNDS + "," + 2 * ROUNDS);
    }
  }

  private Database open(int node, int retries) {
    DatabaseConfig config =
        DatabaseConfig.builder()
            .connection(cluster.node(node).url())
            .dbMaxRetries(retries)
            .dbRetryInterval(Duration.ofMillis(100))
            .dbMaxRetryInterval(Duration.ofSeconds(1))
            .build();
    Database db = Database.builder().config(config).build();
    databases.add(db);
    return db;
  }

  private static void meet(CyclicBarrier barrier) {
    try {
      barrier.await(WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other writer did not come", e);
    }
  }

  /** What a transaction on node 3 that updates a row, then runs {@code cut}, ends with. */
  private Throwable commitOnNodeThreeAfter(Runnable cut) {
    Database three = open(3, 0);
    return catchThrowable(
        () ->
            three
                .writer()
                .run(
                    tx -> {
                      tx.update("UPDATE counters SET v = v + 1 WHERE id = 1");
                      cut.run();
                    }));
  }

  /** Cuts node {@code i} off and returns at once, before it has noticed it is alone. */
  private static void isolateWithoutWaiting(int i) {
    try {
      execute(cluster.node(i).url(), "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=1'");
    } catch (SQLException e) {
      throw new IllegalStateException("could not isolate node " + i, e);
    }
  }

  private static void add(Database db, int amount) {
    db.writer().run(tx -> tx.update("UPDATE counters SET v = v + ? WHERE id = 1", amount));
  }

  /** Runs {@code work} to its end on another thread: outside the caller's transaction. */
  private static void elsewhere(Runnable work) {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      other.submit(work).get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other node's write failed", e);
    } finally {
      other.shutdownNow();
    }
  }

  /** A query on a node that first waits until the node has applied every earlier commit. */
  private static String causalValue(int node, String sql) throws SQLException {
    return value(cluster.causalUrl(node), sql);
  }

  private static Map<Integer, Integer> journal(int node) throws SQLException {
    Map<Integer, Integer> copies = new HashMap<>();
    try (Connection c = DriverManager.getConnection(cluster.causalUrl(node));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT n, count(*) FROM journal GROUP BY n")) {
      while (rs.next()) {
        copies.put(rs.getInt(1), rs.getInt(2));
      }
    }
    return copies;
  }

  private static int vendorCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getErrorCode();
      }
    }
    throw new AssertionError("no SQLException under " + e, e);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + WITHIN);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
