package dev.plinth.db.migrate.phase;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrated;
import dev.plinth.db.migrate.OnlineDataMigration;
import dev.plinth.db.migrate.OnlineMigrationReport;
import dev.plinth.db.migrate.OnlineMigrationReport.Count;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registered online data migrations in batches, each call of a migration in a transaction
 * of its own, with Nova's loop: a batch offers each migration in turn what is left of the batch
 * size, stopping once the batch size has been migrated; without a maximum, batches of 50 repeat
 * until a batch migrates nothing. A migration that throws is logged and counted as having done
 * nothing, so the others still run.
 */
public final class OnlineMigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineMigrationRunner.class);
  private static final int UNLIMITED_BATCH = 50;

  private final Database db;
  private final List<OnlineDataMigration> migrations;

  /**
   * Creates a runner.
   *
   * @param db the database
   * @param migrations the registered migrations, in the order they run within a batch
   */
  public OnlineMigrationRunner(Database db, List<OnlineDataMigration> migrations) {
    this.db = db;
    this.migrations = List.copyOf(migrations);
  }

  /**
   * Runs one batch of {@code maxCount} rows when given, else batches of 50 until nothing is left.
   *
   * @throws IllegalArgumentException if {@code maxCount} is given and below 1
   */
  public OnlineMigrationReport run(OptionalInt maxCount) {
    if (maxCount.isPresent() && maxCount.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "max count must be a positive number, got " + maxCount.getAsInt());
    }
    int batch = maxCount.orElse(UNLIMITED_BATCH);
    Map<String, long[]> totals = new TreeMap<>();
    Batch last;
    do {
      last = batch(batch);
      last.results.forEach(
          (name, m) -> {
            long[] t = totals.computeIfAbsent(name, n -> new long[2]);
            t[0] = Math.max(t[0], m.found());
            t[1] += m.done();
          });
    } while (maxCount.isEmpty() && last.done() > 0);
    List<Count> counts = new ArrayList<>();
    totals.forEach((name, t) -> counts.add(new Count(name, t[0], t[1])));
    return new OnlineMigrationReport(counts, maxCount.isPresent(), last.done(), last.failed);
  }

  /**
   * The names of the migrations that still find rows to migrate. Each is asked for one row in a
   * transaction that is then rolled back, so asking changes nothing.
   */
  public List<String> pending() {
    List<String> pending = new ArrayList<>();
    for (OnlineDataMigration migration : migrations) {
      if (probe(migration).found() > 0) {
        pending.add(migration.name());
      }
    }
    return pending;
  }

  private Batch batch(int size) {
    Map<String, Migrated> results = new LinkedHashMap<>();
    boolean failed = false;
    long ran = 0;
    for (OnlineDataMigration migration : migrations) {
      int count = (int) (size - ran);
      Migrated m;
      try {
        m = db.writer().call(tx -> migration.migrate(tx, count));
      } catch (RuntimeException e) {
        LOG.error("online data migration {} failed", migration.name(), e);
        failed = true;
        m = Migrated.NOTHING;
      }
      if (m.found() > 0) {
        LOG.info("{} rows matched {}, {} migrated", m.found(), migration.name(), m.done());
      }
      results.put(migration.name(), m);
      ran += m.done();
      if (ran >= size) {
        break;
      }
    }
    return new Batch(results, failed);
  }

  private Migrated probe(OnlineDataMigration migration) {
    try {
      db.writer()
          .run(
              tx -> {
                throw new ProbeResult(migration.migrate(tx, 1));
              });
      throw new IllegalStateException("unreachable: the probe always rolls back");
    } catch (ProbeResult r) {
      return r.migrated;
    }
  }

  private record Batch(Map<String, Migrated> results, boolean failed) {
    long done() {
      return results.values().stream().mapToLong(Migrated::done).sum();
    }
  }

  /** Carries a probe's result out of its transaction, rolling the transaction back. */
  private static final class ProbeResult extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Migrated migrated;

    ProbeResult(Migrated migrated) {
      super(null, null, false, false);
      this.migrated = migrated;
    }
  }
}
