package dev.plinth.db.core.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DeadlockException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a whole outermost transaction after a deadlock or a lost connection, on oslo.db's
 * schedule: {@code db_retry_interval} first, doubling (when {@code db_inc_retry_interval}) up to
 * {@code db_max_retry_interval}, at most {@code db_max_retries} times; pauses after a deadlock are
 * drawn at random below the scheduled one so that the two losers do not collide again. Each retry
 * is logged at WARN with its attempt number and cause; when retries run out the last failure is
 * thrown.
 */
public final class TransactionRetry {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionRetry.class);

  private final int maxRetries;
  private final Duration interval;
  private final boolean increase;
  private final Duration maxInterval;
  private final Predicate<? super Throwable> always;

  /**
   * Creates the retry layer from a configuration.
   *
   * @param config supplies the {@code db_*} retry options
   * @param retryIf further failures to retry, for every transaction of the database
   */
  public TransactionRetry(DatabaseConfig config, Predicate<? super Throwable> retryIf) {
    this.maxRetries = config.dbMaxRetries();
    this.interval = config.dbRetryInterval();
    this.increase = config.dbIncRetryInterval();
    this.maxInterval = config.dbMaxRetryInterval();
    this.always = retryIf;
  }

  /**
   * Prepares the retry policy of one kind of transaction once, so that running a transaction costs
   * no policy building; the result is immutable and may be shared between threads.
   *
   * @param retryIf failures this kind of transaction retries besides the database-wide ones
   * @param what names the work in log lines
   */
  public Policy policy(Predicate<? super Throwable> retryIf, String what) {
    if (maxRetries == 0) {
      return new Policy(Failsafe.none(), failure -> false);
    }
    Predicate<Throwable> retriable =
        failure ->
            failure instanceof DeadlockException
                || failure instanceof DbConnectionException
                || always.test(failure)
                || retryIf.test(failure);
    RetryPolicy<Object> policy =
        RetryPolicy.builder()
            .handleIf(
                (Object result, Throwable failure) -> failure != null && retriable.test(failure))
            .withMaxRetries(maxRetries)
            .withDelayFn(ctx -> delay(ctx.getAttemptCount(), ctx.getLastException()))
            .onRetryScheduled(
                e ->
                    LOG.warn(
                        "retrying {} (attempt {} of {}) in {} ms after: {}",
                        what,
                        e.getAttemptCount() + 1,
                        maxRetries + 1,
                        e.getDelay().toMillis(),
                        e.getLastException().toString()))
            .build();
    return new Policy(Failsafe.with(policy), retriable);
  }

  /** The pause before retry number {@code attempts} (1-based). */
  Duration delay(int attempts, Throwable failure) {
    long millis = interval.toMillis();
    if (increase) {
      for (int i = 1; i < attempts && millis < maxInterval.toMillis(); i++) {
        millis *= 2;
      }
      if (attempts > 1) {
        millis = Math.min(millis, maxInterval.toMillis());
      }
    }
    if (failure instanceof DeadlockException && millis > 0) {
      millis = ThreadLocalRandom.current().nextLong(millis + 1);
    }
    return Duration.ofMillis(millis);
  }

  /**
   * The retry policy of one kind of transaction, from {@link TransactionRetry#policy}. The caller
   * runs the first attempt itself, so a transaction that succeeds costs nothing here; only a failed
   * first attempt comes to {@link #retryAfter}, which hands a retriable failure over to Failsafe as
   * Failsafe's own first attempt, so the schedule, the attempt numbers and the log lines are those
   * of a policy that ran from the start.
   */
  public static final class Policy {
    private final FailsafeExecutor<Object> executor;
    private final Predicate<Throwable> retriable;

    private Policy(FailsafeExecutor<Object> executor, Predicate<Throwable> retriable) {
      this.executor = executor;
      this.retriable = retriable;
    }

    /**
     * Continues after the first attempt failed with {@code first}: rethrows it when it is not
     * retriable, otherwise runs {@code attempt} again until it succeeds, fails with something not
     * retriable, or the retries are used up.
     *
     * @param first the failure of the first attempt, which the caller ran directly
     * @param attempt runs one further attempt
     */
    public <T> T retryAfter(Throwable first, CheckedSupplier<T> attempt) {
      if (!retriable.test(first)) {
        throw unchecked(first);
      }
      boolean[] replayed = {false};
      return executor.get(
          () -> {
            if (!replayed[0]) {
              replayed[0] = true;
              throw first;
            }
            return attempt.get();
          });
    }

    private static RuntimeException unchecked(Throwable t) {
      if (t instanceof RuntimeException r) {
        return r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      return new FailsafeException(t);
    }
  }
}
