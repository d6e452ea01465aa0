package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.TransactionScope;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.provision.BackendDiscovery;
import dev.plinth.db.testing.server.StandbyServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code asyncReader()} on a real PostgreSQL hot standby ({@link StandbyServer}): it reads the
 * replica once rows are replayed, leaves it for the primary with one WARN while it lags beyond
 * {@code max_replica_lag} or is down, and returns with one INFO. Where a read ran is asked of the
 * server itself: {@code pg_is_in_recovery()} is true on the standby only. PostgreSQL only: the
 * MySQL dialect's lag query has no MariaDB replica here to run on.
 */
class ReplicaReadsTest {
  private static final Pattern WARN = Pattern.compile("WARN .*ReplicaRouting - replica ");
  private static final Pattern INFO =
      Pattern.compile("INFO .*ReplicaRouting - replica .* caught up");
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private static StandbyServer servers;
  private Database db;

  @BeforeAll
  static void startServers() {
    boolean required =
        new BackendDiscovery(System.getenv()).required().contains(Backend.POSTGRESQL);
    Assumptions.assumeTrue(required || StandbyServer.installed(), "no PostgreSQL binaries");
    servers = StandbyServer.start();
    try (Database primary = Database.builder().url(servers.primaryUrl()).build()) {
      primary.writer().run(tx -> tx.update("CREATE TABLE events (id INTEGER PRIMARY KEY)"));
    }
  }

  @AfterAll
  static void stopServers() {
    if (servers != null) {
      servers.close();
    }
  }

  @AfterEach
  void closeDatabase() {
    if (db != null) {
      db.close();
    }
    if (!servers.standby().running()) {
      servers.standby().start();
    }
    servers.resumeReplay();
  }

  @Test
  void asyncReadsSeeRowsOnTheReplicaOnceReplayedWhileReaderAndWriterUseThePrimary() {
    db = open(Duration.ofSeconds(30));
    int id = insert();
    servers.awaitReplayed();

    assertThat(onStandby(db.asyncReader())).isTrue();
    assertThat(db.asyncReader().<Long>call(tx -> tx.count("SELECT * FROM events WHERE id = ?", id)))
        .isEqualTo(1);
    assertThat(onStandby(db.reader())).isFalse();
    assertThat(onStandby(db.writer())).isFalse();
  }

  @Test
  void aReplicaLaggingBeyondTheBoundIsLeftWithOneWarningAndRejoinedWhenCaughtUp() {
    String log =
        stderrDuring(
            () -> {
              db = open(Duration.ofSeconds(1));
              servers.awaitReplayed();
              awaitAsyncReadsOnStandby(true);
              servers.pauseReplay();
              int id = insert();
              awaitAsyncReadsOnStandby(false);
              for (int i = 0; i < 20; i++) {
                assertThat(
                        db.asyncReader()
                            .<Long>call(tx -> tx.count("SELECT * FROM events WHERE id = ?", id)))
                    .as("a read on the primary sees the row the paused standby has not replayed")
                    .isEqualTo(1);
              }
              servers.resumeReplay();
              awaitAsyncReadsOnStandby(true);
              assertThat(
                      db.asyncReader()
                          .<Long>call(tx -> tx.count("SELECT * FROM events WHERE id = ?", id)))
                  .isEqualTo(1);
            });
    assertThat(occurrences(WARN, log)).as(log).isEqualTo(1);
    assertThat(log).contains("beyond database.max_replica_lag (1.0 s)");
    assertThat(occurrences(INFO, log)).as(log).isEqualTo(1);
  }

  @Test
  void aReplicaKilledUnderFourReadersFailsNoReadAndIsUsedAgainWhenItRestarts() throws Exception {
    db = open(Duration.ofSeconds(30));
    servers.awaitReplayed();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger onStandby = new AtomicInteger();
    AtomicInteger onPrimary = new AtomicInteger();
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ExecutorService readers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running =
          IntStream.range(0, 4)
              .<Future<?>>mapToObj(
                  i ->
                      (Future<?>)
                          readers.submit(
                              () -> {
                                for (int n = 0; n < 100_000 && !stop.get(); n++) {
                                  try {
                                    (onStandby(db.asyncReader()) ? onStandby : onPrimary)
                                        .incrementAndGet();
                                  } catch (RuntimeException e) {
                                    failures.add(e);
                                  }
                                }
                              }))
              .toList();
      await(() -> onStandby.get() >= 40, "reads on the standby");
      servers.standby().kill();
      await(() -> onPrimary.get() >= 40, "reads on the primary after the kill");
      servers.standby().start();
      int before = onStandby.get();
      await(() -> onStandby.get() >= before + 40, "reads on the restarted standby");
      stop.set(true);
      for (Future<?> f : running) {
        f.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      readers.shutdownNow();
    }
    assertThat(failures).as("async reads that failed").isEmpty();
  }

  /** A database on the primary and the standby that measures lag every 100 ms. */
  private static Database open(Duration maxLag) {
    return Database.builder()
        .config(
            DatabaseConfig.builder()
                .connection(servers.primaryUrl())
                .slaveConnection(servers.standbyUrl())
                .maxReplicaLag(maxLag)
                .replicaCheckInterval(Duration.ofMillis(100))
                .poolTimeout(Duration.ofSeconds(1))
                .maxPoolSize(4)
                .build())
        .build();
  }

  private int insert() {
    return db.writer()
        .call(
            tx -> {
              int id = (int) (tx.count("SELECT * FROM events") + 1);
              tx.update("INSERT INTO events (id) VALUES (?)", id);
              return id;
            });
  }

  private static boolean onStandby(TransactionScope scope) {
    return scope.call(tx -> tx.query("SELECT pg_is_in_recovery()", rs -> rs.getBoolean(1)).get(0));
  }

  private void awaitAsyncReadsOnStandby(boolean expected) {
    await(
        () -> onStandby(db.asyncReader()) == expected,
        expected ? "async reads on the standby" : "async reads on the primary");
  }

  /** Polls until {@code condition} holds; fails after a minute, which no passing run comes near. */
  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * What {@code action} and every thread meanwhile wrote to System.err, where slf4j-simple logs.
   */
  private static String stderrDuring(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.print(log);
    return log;
  }

  private static int occurrences(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
