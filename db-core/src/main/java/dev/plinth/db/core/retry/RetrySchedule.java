package dev.plinth.db.core.retry;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.error.DeadlockException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how far apart a failed piece of work is tried again, as oslo.db schedules it: the
 * first pause {@code interval}, each next one doubled when {@code doubling}, never above {@code
 * maxInterval}; after a deadlock the pause is drawn at random below the scheduled one, so that the
 * two losers do not collide again. One value serves the start-up connection ({@link #forStartUp})
 * and transactions ({@link #forTransactions}); {@link #policy()} turns it into Failsafe's retry
 * policy.
 *
 * @param maxRetries tries after the first; -1 for no limit
 * @param interval the first pause
 * @param doubling whether each pause doubles the previous one
 * @param maxInterval the longest pause
 */
public record RetrySchedule(
    int maxRetries, Duration interval, boolean doubling, Duration maxInterval) {

  /** Checks the parts. */
  public RetrySchedule {
    if (maxRetries < -1) {
      throw new IllegalArgumentException("maxRetries must be -1 or more, got " + maxRetries);
    }
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    if (interval.isNegative() || maxInterval.compareTo(interval) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= interval <= maxInterval, got " + interval + " and " + maxInterval);
    }
  }

  /**
   * Transaction retries: {@code db_max_retries}, {@code db_retry_interval}, {@code
   * db_inc_retry_interval}, {@code db_max_retry_interval}.
   */
  public static RetrySchedule forTransactions(DatabaseConfig config) {
    return new RetrySchedule(
        config.dbMaxRetries(),
        config.dbRetryInterval(),
        config.dbIncRetryInterval(),
        config.dbMaxRetryInterval());
  }

  /**
   * Start-up connection attempts: {@code max_retries} attempts in all (-1 without end), {@code
   * retry_interval} apart.
   */
  public static RetrySchedule forStartUp(DatabaseConfig config) {
    int attempts = config.maxRetries();
    return new RetrySchedule(
        attempts < 0 ? -1 : Math.max(attempts - 1, 0),
        config.retryInterval(),
        false,
        config.retryInterval());
  }

  /**
   * Failsafe's retry policy for this schedule, still open for what it handles and its listeners:
   * the doubling is Failsafe's backoff, the deadlock jitter a delay function on {@link
   * DeadlockException}.
   */
  public <R> RetryPolicyBuilder<R> policy() {
    RetryPolicyBuilder<R> policy = RetryPolicy.<R>builder().withMaxRetries(maxRetries);
    if (doubling && !interval.isZero() && maxInterval.compareTo(interval) > 0) {
      policy.withBackoff(interval, maxInterval);
    } else {
      policy.withDelay(interval);
    }
    return policy.withDelayFnOn(ctx -> belowPause(ctx.getAttemptCount()), DeadlockException.class);
  }

  /**
   * The scheduled pause before retry number {@code retry} (1-based), before any jitter: what
   * Failsafe's backoff computes, needed here because a delay function on deadlocks cannot read it.
   */
  public Duration pause(int retry) {
    if (!doubling || retry <= 1) {
      return interval;
    }
    double millis = interval.toMillis() * Math.pow(2, retry - 1);
    return millis >= maxInterval.toMillis() ? maxInterval : Duration.ofMillis((long) millis);
  }

  /** A pause drawn at random from zero to the scheduled one, for retry number {@code retry}. */
  Duration belowPause(int retry) {
    long scheduled = pause(retry).toMillis();
    return Duration.ofMillis(
        scheduled == 0 ? 0 : ThreadLocalRandom.current().nextLong(scheduled + 1));
  }
}
