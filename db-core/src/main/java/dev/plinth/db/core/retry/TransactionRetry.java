package dev.plinth.db.core.retry;

import dev.failsafe.Execution;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.DatabaseMetrics;
import dev.plinth.db.core.DatabaseMetrics.RetryCause;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DeadlockException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a whole outermost transaction after a deadlock or a lost connection, on oslo.db's
 * schedule ({@link RetrySchedule#forTransactions}). Each retry is logged at WARN with its attempt
 * number and cause; when retries run out the last failure is thrown.
 */
public final class TransactionRetry {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionRetry.class);

  private final RetrySchedule schedule;
  private final Predicate<? super Throwable> always;
  private final DatabaseMetrics metrics;

  /**
   * Creates the retry layer from a configuration.
   *
   * @param config supplies the {@code db_*} retry options
   * @param retryIf further failures to retry, for every transaction of the database
   * @param metrics told of every retry, by cause
   */
  public TransactionRetry(
      DatabaseConfig config, Predicate<? super Throwable> retryIf, DatabaseMetrics metrics) {
    this.schedule = RetrySchedule.forTransactions(config);
    this.always = retryIf;
    this.metrics = metrics;
  }

  /**
   * Prepares the retry policy of one kind of transaction once, so that running a transaction costs
   * no policy building; the result is immutable and may be shared between threads.
   *
   * @param retryIf failures this kind of transaction retries besides the database-wide ones
   * @param what names the work in log lines
   */
  public Policy policy(Predicate<? super Throwable> retryIf, String what) {
    Predicate<Throwable> retriable =
        schedule.maxRetries() == 0
            ? failure -> false
            : failure ->
                failure instanceof DeadlockException
                    || failure instanceof DbConnectionException
                    || always.test(failure)
                    || retryIf.test(failure);
    RetryPolicy<Object> policy =
        schedule
            .policy()
            .handleIf(
                (Object result, Throwable failure) -> failure != null && retriable.test(failure))
            .build();
    return new Policy(policy, retriable, what, schedule.maxRetries(), metrics);
  }

  /**
   * The retry policy of one kind of transaction, from {@link TransactionRetry#policy}. The caller
   * runs the first attempt itself, so a transaction that succeeds costs nothing here; a failed
   * first attempt comes to {@link #retryAfter}, which records it and every further attempt in a
   * Failsafe {@link Execution} of the policy, so the schedule and the decision to stop are
   * Failsafe's.
   */
  public static final class Policy {
    private final RetryPolicy<Object> policy;
    private final Predicate<Throwable> retriable;
    private final String what;
    private final int maxRetries;
    private final DatabaseMetrics metrics;

    private Policy(
        RetryPolicy<Object> policy,
        Predicate<Throwable> retriable,
        String what,
        int maxRetries,
        DatabaseMetrics metrics) {
      this.policy = policy;
      this.retriable = retriable;
      this.what = what;
      this.maxRetries = maxRetries;
      this.metrics = metrics;
    }

    /**
     * Continues after the first attempt failed with {@code first}: rethrows it when it is not
     * retriable, otherwise runs {@code attempt} again until it succeeds, fails with something not
     * retriable, or the retries are used up, and then throws the last failure.
     *
     * @param first the failure of the first attempt, which the caller ran directly
     * @param attempt runs one further attempt
     */
    public <T> T retryAfter(Throwable first, CheckedSupplier<T> attempt) {
      if (!retriable.test(first)) {
        throw unchecked(first);
      }
      Execution<Object> execution = Execution.of(policy);
      Throwable failure = first;
      while (true) {
        execution.recordException(failure);
        if (execution.isComplete()) {
          throw unchecked(failure);
        }
        LOG.warn(
            "retrying {} (attempt {} of {}) in {} ms after: {}",
            what,
            execution.getAttemptCount() + 1,
            maxRetries < 0 ? "unlimited" : Integer.toString(maxRetries + 1),
            execution.getDelay().toMillis(),
            failure.toString());
        metrics.retrying(cause(failure));
        try {
          Thread.sleep(execution.getDelay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw unchecked(failure);
        }
        try {
          return attempt.get();
        } catch (Throwable next) {
          failure = next;
        }
      }
    }

    private static RetryCause cause(Throwable failure) {
      if (failure instanceof DeadlockException) {
        return RetryCause.DEADLOCK;
      }
      return failure instanceof DbConnectionException ? RetryCause.CONNECTION : RetryCause.OTHER;
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
