package dev.plinth.db.core.metrics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.plinth.db.core.DatabaseMetrics;
import dev.plinth.db.core.tx.TransactionMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Records a {@link dev.plinth.db.core.Database}'s measurements in a Micrometer {@link
 * MeterRegistry}: {@code Database.builder().metrics(PlinthMeters.of(registry))}. The pools Plinth
 * builds get HikariCP's own meters ({@code hikaricp.connections…}, tagged with the pool's name);
 * Plinth adds {@code plinth.transactions} (timer; tags {@code scope}, {@code outcome}), {@code
 * plinth.transaction.retries} (counter; tag {@code cause}), {@code plinth.deadlocks}, {@code
 * plinth.connect.first} (timer), {@code plinth.migrate.revisions} (timer; tags {@code direction},
 * {@code outcome}), {@code plinth.archive.rows} and {@code plinth.archive.residue} (counters; tag
 * {@code table}).
 *
 * <p>This package is the only one of Plinth that names Micrometer, which is an optional dependency:
 * a service that never calls {@link #of} never loads a Micrometer class. The transaction meters are
 * registered up front, so recording one is a lookup in an array.
 */
public final class PlinthMeters implements DatabaseMetrics {
  private final MeterRegistry registry;
  private final Tags tags;
  private final Timer[][] transactions;
  private final Counter[] retries;
  private final Counter deadlocks;

  private PlinthMeters(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
    TransactionMode[] modes = TransactionMode.values();
    Outcome[] outcomes = Outcome.values();
    this.transactions = new Timer[modes.length][outcomes.length];
    for (TransactionMode mode : modes) {
      for (Outcome outcome : outcomes) {
        transactions[mode.ordinal()][outcome.ordinal()] =
            Timer.builder("plinth.transactions")
                .description("Outermost transactions (each attempt), by scope and outcome")
                .tags(tags)
                .tag("scope", name(mode))
                .tag("outcome", name(outcome))
                .register(registry);
      }
    }
    RetryCause[] causes = RetryCause.values();
    this.retries = new Counter[causes.length];
    for (RetryCause cause : causes) {
      retries[cause.ordinal()] =
          Counter.builder("plinth.transaction.retries")
              .description("Outermost transactions run again, by the failure's cause")
              .tags(tags)
              .tag("cause", name(cause))
              .register(registry);
    }
    this.deadlocks =
        Counter.builder("plinth.deadlocks")
            .description("Transaction attempts that failed with a deadlock, retried or not")
            .tags(tags)
            .register(registry);
  }

  /**
   * Meters in {@code registry}.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public static PlinthMeters of(MeterRegistry registry) {
    return of(registry, Tags.empty());
  }

  /**
   * Meters in {@code registry}, each with {@code tags} as well (to tell apart several databases of
   * one service). HikariCP's pool meters are told apart by their pool's name instead.
   *
   * @throws NullPointerException if {@code registry} or {@code tags} is null
   */
  public static PlinthMeters of(MeterRegistry registry, Iterable<Tag> tags) {
    return new PlinthMeters(
        Objects.requireNonNull(registry, "registry"),
        Tags.of(Objects.requireNonNull(tags, "tags")));
  }

  @Override
  public void pool(HikariConfig pool) {
    pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  @Override
  public void startedUp(long nanos) {
    Timer.builder("plinth.connect.first")
        .description("Time to the first connection at start-up, retries included")
        .tags(tags)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void transactionEnded(TransactionMode mode, Outcome outcome, long nanos) {
    transactions[mode.ordinal()][outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void retrying(RetryCause cause) {
    retries[cause.ordinal()].increment();
  }

  @Override
  public void deadlock() {
    deadlocks.increment();
  }

  @Override
  public void revisionRan(boolean upgrade, boolean succeeded, long nanos) {
    Timer.builder("plinth.migrate.revisions")
        .description("Migration revisions run, by direction and outcome")
        .tags(tags)
        .tag("direction", upgrade ? "upgrade" : "downgrade")
        .tag("outcome", succeeded ? "success" : "failure")
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void rowsArchived(String table, long rows) {
    tableCounter("plinth.archive.rows", "Soft-deleted rows moved to shadow tables", table)
        .increment(rows);
  }

  @Override
  public void residueArchived(String table, long rows) {
    tableCounter(
            "plinth.archive.residue",
            "Rows moved to shadow tables because they referenced a moved row",
            table)
        .increment(rows);
  }

  private Counter tableCounter(String name, String description, String table) {
    return Counter.builder(name)
        .description(description)
        .tags(tags)
        .tag("table", table)
        .register(registry);
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
