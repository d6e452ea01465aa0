package dev.plinth.db.core;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.EngineStartException;
import dev.plinth.db.core.pool.Pools;
import dev.plinth.db.core.retry.RetrySchedule;
import dev.plinth.db.core.tx.TransactionRunner;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks a {@link Database} makes before it builds anything: the URL's form, then one
 * connection on the start-up {@link RetrySchedule}, so that the driver's own answer arrives at once
 * and only a connection failure is retried.
 */
final class FirstConnection {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** The pause of a schedule with no retries, which never waits it. */
  private static final Duration ONE_ATTEMPT = Duration.ofSeconds(1);

  private FirstConnection() {}

  /** Refuses a URL the dialect can tell is wrong before any driver sees it. */
  static void checkUrl(Dialect dialect, DatabaseConfig config, String url) {
    dialect
        .urlProblem(Pools.withParameters(url, config.connectionParameters()))
        .ifPresent(
            problem -> {
              throw new EngineStartException(
                  "cannot connect to " + UrlSanitizer.sanitize(url) + ": " + problem, null);
            });
  }

  /**
   * Makes the first connection attempt on the start-up {@link RetrySchedule} of {@code config}:
   * only a connection failure is retried; refused credentials, an unknown database or a URL the
   * driver cannot read fail the first attempt. With {@code max_retries} 0 the check is skipped.
   *
   * @param config the retry settings; {@code null} for a single attempt
   * @param what the sanitised URL or a description of the source, for messages
   * @param metrics told how long the connection took; {@code null} for none
   * @param attempt one connection attempt, returning what it learnt
   */
  static <T> T await(
      DatabaseConfig config, String what, DatabaseMetrics metrics, CheckedSupplier<T> attempt) {
    if (config != null && config.maxRetries() == 0) {
      return null;
    }
    RetrySchedule schedule =
        config == null
            ? new RetrySchedule(0, ONE_ATTEMPT, false, ONE_ATTEMPT)
            : RetrySchedule.forStartUp(config);
    RetryPolicy<T> policy =
        schedule
            .<T>policy()
            .handle(DbConnectionException.class)
            .onRetryScheduled(
                e ->
                    LOG.warn(
                        "connection to {} failed ({}); {} attempt(s) left, next in {} ms",
                        what,
                        e.getLastException().getMessage(),
                        schedule.maxRetries() < 0
                            ? "unlimited"
                            : Integer.toString(schedule.maxRetries() + 1 - e.getAttemptCount()),
                        e.getDelay().toMillis()))
            .build();
    try {
      long start = System.nanoTime();
      T learnt = Failsafe.with(policy).get(attempt);
      if (metrics != null) {
        metrics.startedUp(System.nanoTime() - start);
      }
      return learnt;
    } catch (DbConnectionException e) {
      throw new EngineStartException(
          "cannot connect to "
              + what
              + " after "
              + (schedule.maxRetries() + 1)
              + " attempt(s): "
              + e.getMessage(),
          e);
    } catch (EngineStartException e) {
      throw e;
    } catch (DbException e) {
      throw new EngineStartException("cannot connect to " + what + ": " + e.getMessage(), e);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new EngineStartException("interrupted while connecting to " + what, e);
    }
  }

  /** Opens one connection and closes it; a driver refusing the URL is a start failure. */
  static void connectOnce(DataSource direct, Dialect dialect, String sanitized) {
    try {
      TransactionRunner.checkConnection(direct, dialect);
    } catch (DbException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EngineStartException(
          "cannot connect to "
              + sanitized
              + ": the driver refused the URL: "
              + UrlSanitizer.sanitizeText(e.toString()),
          e);
    }
  }
}
