package dev.plinth.db.core.pool;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.UrlSanitizer;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbConnectionException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where async reads go: to the replica while it answers and lags no more than {@code
 * database.max_replica_lag}, else to the primary. A background thread measures the lag every {@code
 * database.replica_check_interval} with the dialect's one statement, so reads pay nothing for it;
 * the replica is left when two checks in a row find it beyond the bound, or one cannot reach it. A
 * read that finds the replica gone does not wait for the next check: it runs again on the primary
 * at once. Leaving the replica is logged once at WARN, returning to it once at INFO.
 */
public final class ReplicaRouting implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouting.class);

  private final DataSource replica;
  private final DataSource primary;
  private final Dialect dialect;
  private final Duration maxLag;
  private final String name;
  private final ScheduledExecutorService checker;
  private volatile boolean onReplica = true;

  /** Checks in a row that found the lag beyond the bound; touched by the checker thread only. */
  private int checksBeyond;

  private ReplicaRouting(
      DataSource replica,
      DataSource primary,
      Dialect dialect,
      Duration maxLag,
      String name,
      ScheduledExecutorService checker) {
    this.replica = replica;
    this.primary = primary;
    this.dialect = dialect;
    this.maxLag = maxLag;
    this.name = name;
    this.checker = checker;
  }

  /** Async reads on the primary alone: there is no replica. */
  static ReplicaRouting primaryOnly(DataSource primary) {
    return new ReplicaRouting(primary, primary, null, Duration.ZERO, "primary", null);
  }

  /**
   * Routes async reads to {@code replica} and starts the background check, whose thread is named
   * {@code <poolName>-replica-check}.
   *
   * @param name the replica as log lines name it: a sanitised URL or a description
   */
  static ReplicaRouting watching(
      DataSource replica,
      DataSource primary,
      Dialect dialect,
      DatabaseConfig config,
      String name,
      String poolName) {
    ScheduledExecutorService checker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, poolName + "-replica-check");
              t.setDaemon(true);
              return t;
            });
    ReplicaRouting routing =
        new ReplicaRouting(replica, primary, dialect, config.maxReplicaLag(), name, checker);
    long every = config.replicaCheckInterval().toMillis();
    checker.scheduleWithFixedDelay(routing::check, 0, every, TimeUnit.MILLISECONDS);
    return routing;
  }

  /**
   * Runs one attempt of an async read on the source it should use now. An attempt on the replica
   * that fails to reach it is run again on the primary, and the replica is left until a check finds
   * it back.
   *
   * @param attempt opens a transaction on the source it is given and runs the read to its end
   */
  public <T> T read(Function<DataSource, T> attempt) {
    if (!onReplica || replica == primary) {
      return attempt.apply(primary);
    }
    try {
      return attempt.apply(replica);
    } catch (DbConnectionException e) {
      leave("does not answer (" + UrlSanitizer.sanitizeText(e.getMessage()) + ")");
      return attempt.apply(primary);
    }
  }

  /** Stops the background check. */
  @Override
  public void close() {
    if (checker != null) {
      checker.shutdownNow();
    }
  }

  /** Measures the replica's lag once and moves async reads accordingly. */
  private void check() {
    Optional<Duration> lag;
    try (Connection c = replica.getConnection()) {
      lag = dialect.replicaLag(c);
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException | RuntimeException e) {
      leave("does not answer the lag check (" + UrlSanitizer.sanitizeText(e.getMessage()) + ")");
      return;
    }
    if (lag.isEmpty()) {
      leave("cannot tell its lag: its replication is stopped");
    } else if (lag.get().compareTo(maxLag) > 0) {
      checksBeyond++;
      // One check may land in the instant between a WAL record arriving after a quiet spell and its
      // replay, where the measure is the age of the last commit; real lag is still there next time.
      if (checksBeyond < 2) {
        return;
      }
      leave(
          "lags "
              + seconds(lag.get())
              + " behind its primary, beyond database.max_replica_lag ("
              + seconds(maxLag)
              + ")");
    } else {
      checksBeyond = 0;
      if (!onReplica) {
        back(lag.get());
      }
    }
  }

  private synchronized void leave(String why) {
    if (onReplica) {
      onReplica = false;
      LOG.warn(
          "replica {} {}: async reads go to the primary until it answers within the bound",
          name,
          why);
    }
  }

  private synchronized void back(Duration lag) {
    if (!onReplica) {
      onReplica = true;
      LOG.info("replica {} caught up (lag {}): async reads go to it again", name, seconds(lag));
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() / 1000.0 + " s";
  }
}
