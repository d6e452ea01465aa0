package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.provision.BackendDiscovery;
import dev.plinth.db.testing.server.ThrowAwayServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database server restarted under a running service, on a throw-away server of the test's own
 * (installed binaries, free port): the shared servers are never stopped. The restart is the
 * operator's fast shutdown, which ends every session and rolls back open transactions, followed by
 * a start on the same port and data.
 */
class ServerRestartTest {
  private static final int ROWS = 200;

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("servers")
  void transactionCutByARestartIsRetriedWholeAndCommitsOnce(Backend backend) throws Exception {
    try (ThrowAwayServer server = server(backend);
        Database db = open(server)) {
      createEvents(db);
      long before = server.pid();
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch restarted = new CountDownLatch(1);
      AtomicInteger attempts = new AtomicInteger();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () ->
                  db.writer()
                      .run(
                          tx -> {
                            attempts.incrementAndGet();
                            tx.update("INSERT INTO events (id, note) VALUES (1, 'first')");
                            inside.countDown();
                            await(restarted);
                            tx.update("UPDATE events SET note = 'second' WHERE id = 1");
                          }));
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      server.restart();
      restarted.countDown();
      writer.get(120, TimeUnit.SECONDS);

      assertThat(server.pid()).isNotEqualTo(before);
      assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
      List<String> rows =
          db.reader()
              .call(
                  tx ->
                      tx.query(
                          "SELECT id, note FROM events",
                          rs -> rs.getInt(1) + " " + rs.getString(2)));
      assertThat(rows).containsExactly("1 second");
    }
  }

  /**
   * Each row is inserted "once" (a conflicting insert does nothing): a commit that reached the
   * server but whose answer the restart cut off is retried, and must not fail on its own row.
   */
  @ParameterizedTest(name = "[{0}]")
  @MethodSource("servers")
  void writesGoOnThroughARestartAndNoAcknowledgedRowIsLost(Backend backend) throws Exception {
    try (ThrowAwayServer server = server(backend);
        Database db = open(server)) {
      createEvents(db);
      String insertOnce =
          backend == Backend.POSTGRESQL
              ? "INSERT INTO events (id) VALUES (?) ON CONFLICT (id) DO NOTHING"
              : "INSERT IGNORE INTO events (id) VALUES (?)";
      AtomicInteger acknowledged = new AtomicInteger();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 1; i <= ROWS; i++) {
                  int id = i;
                  db.writer().run(tx -> tx.update(insertOnce, id));
                  acknowledged.set(id);
                  pause(5);
                }
              });
      while (acknowledged.get() < 20) {
        pause(5);
      }
      server.restart();
      int whenBackUp = acknowledged.get();
      writer.get(120, TimeUnit.SECONDS);

      assertThat(whenBackUp).as("rows acknowledged when the server was back").isLessThan(ROWS);
      List<Integer> ids =
          db.reader().call(tx -> tx.query("SELECT id FROM events ORDER BY id", rs -> rs.getInt(1)));
      assertThat(ids).isEqualTo(IntStream.rangeClosed(1, ROWS).boxed().toList());
    }
  }

  /** The backends with a server, named as every multi-backend test names them. */
  static Stream<Arguments> servers() {
    return Stream.of(Backend.POSTGRESQL, Backend.MYSQL).map(b -> Arguments.of(Named.of(b.id(), b)));
  }

  /**
   * A server for {@code backend}; the test is skipped without the binaries, unless {@code
   * PLINTH_TEST_REQUIRE} lists the backend, as for every other multi-backend test.
   */
  private static ThrowAwayServer server(Backend backend) {
    boolean required = new BackendDiscovery(System.getenv()).required().contains(backend);
    Assumptions.assumeTrue(
        required || ThrowAwayServer.installed(backend), "no server binaries for " + backend.id());
    return ThrowAwayServer.start(backend);
  }

  /** A pool of two with quick retries, enough of them to outlast a restart. */
  private static Database open(ThrowAwayServer server) {
    return Database.builder()
        .config(
            DatabaseConfig.builder()
                .connection(server.url())
                .maxPoolSize(2)
                .dbMaxRetries(40)
                .dbRetryInterval(Duration.ofMillis(100))
                .dbMaxRetryInterval(Duration.ofSeconds(1))
                .build())
        .build();
  }

  private static void createEvents(Database db) {
    db.writer()
        .run(tx -> tx.update("CREATE TABLE events (id INTEGER PRIMARY KEY, note VARCHAR(20))"));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
