package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.AppliedRevision;
import dev.plinth.db.migrate.ChecksumMismatchException;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.MigrationStep;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.runner.HistoryEntry.Action;
import dev.plinth.db.migrate.runner.HistoryEntry.Outcome;
import dev.plinth.db.migrate.source.MigrationScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies plans of a {@link RevisionGraph} to one database. Every command that writes takes the
 * {@link MigrationLock} first, creates the version and history tables if they are missing, and only
 * then reads the version table and plans, so a migrator that waited for another one plans from what
 * that one left and never runs a revision twice.
 */
public final class MigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
  private static final String BASE = "base";

  private final Database db;
  private final RevisionGraph graph;
  private final Map<String, MigrationScript> scripts;
  private final VersionTable versions;
  private final HistoryTable history;
  private final Duration lockTimeout;
  private final boolean endOrphans;
  private final StepRunner steps;
  private final AppliedChecksums checksums;
  private final StepGuard guard;

  /**
   * Creates a runner.
   *
   * @param db the database to migrate
   * @param graph the revision graph built from {@code scripts}
   * @param scripts every revision's script by revision id
   * @param versionTable the version table's name
   * @param historyTable the history table's name
   * @param lockTimeout how long to wait for another migrator
   * @param endOrphans whether to end a killed migrator's work still running on the server instead
   *     of waiting for it
   * @param guard admits each step just before it runs
   */
  public MigrationRunner(
      Database db,
      RevisionGraph graph,
      Map<String, MigrationScript> scripts,
      String versionTable,
      String historyTable,
      Duration lockTimeout,
      boolean endOrphans,
      StepGuard guard) {
    this.db = db;
    this.graph = graph;
    this.scripts = Map.copyOf(scripts);
    this.versions = new VersionTable(versionTable);
    this.history = new HistoryTable(historyTable);
    this.lockTimeout = lockTimeout;
    this.endOrphans = endOrphans;
    this.steps = new StepRunner(db, versions, history);
    this.checksums = new AppliedChecksums(graph, this.scripts);
    this.guard = guard;
  }

  /**
   * The history table's name for a version table: {@code plinth_version} → {@code plinth_history},
   * {@code app_version} → {@code app_history}, any other name {@code <name>_history}.
   */
  public static String historyTableFor(String versionTable) {
    return versionTable.replaceFirst("_version$", "") + "_history";
  }

  /** The name of the migration lock that guards the version table {@code versionTable}. */
  static String lockName(String versionTable) {
    return "plinth_migrate_" + versionTable;
  }

  /**
   * Upgrades to {@code target} after checking that no applied script was edited, running the plan
   * as {@code shaper} narrows or refuses it.
   *
   * @throws ChecksumMismatchException if an applied script was edited; nothing has run
   * @throws dev.plinth.db.migrate.InvalidMigrationException if a SQL revision of the plan cannot
   *     run (see {@link MigrationScript#check}); nothing has run
   * @throws dev.plinth.db.migrate.RevisionFailedException if a revision fails
   * @throws dev.plinth.db.migrate.MigrationLockTimeoutException if another migrator holds the lock
   * @throws dev.plinth.db.migrate.InvalidGraphException if the target cannot be resolved
   * @throws dev.plinth.db.migrate.PhaseRefusedException if a phase rule refuses a revision
   */
  public MigrationResult upgrade(String target, PlanShaper shaper) {
    return locked(
        current -> {
          checksums.verify(current, db.reader().call(history::recordedChecksums));
          return run(shaper.shape(current, graph.upgrade(current, target)), current);
        });
  }

  /**
   * Takes over a database another tool managed: under the lock, with the version table still empty,
   * {@code takeOver} runs whatever must run first and returns the Plinth heads the database now
   * stands at; they are written to the version table and recorded in the history as an adoption.
   *
   * @throws dev.plinth.db.migrate.MigrationException if the version table already holds rows
   * @throws dev.plinth.db.migrate.MigrationLockTimeoutException if another migrator holds the lock
   * @throws dev.plinth.db.migrate.InvalidGraphException if a returned head is not a revision
   */
  public MigrationResult adopt(Supplier<Set<String>> takeOver) {
    return locked(
        current -> {
          if (!current.isEmpty()) {
            throw new MigrationException(
                "cannot adopt: version table "
                    + versions.name()
                    + " already holds "
                    + current
                    + "; the database is managed by Plinth already (use upgrade, or stamp to"
                    + " correct it)");
          }
          Set<String> heads = new TreeSet<>();
          takeOver.get().forEach(head -> heads.add(graph.revision(head).id()));
          Instant started = Instant.now();
          db.writer()
              .run(
                  tx -> {
                    versions.change(tx, current, heads);
                    heads.forEach(head -> record(tx, head, Action.ADOPT, null, started));
                  });
          LOG.info("adopted the database at {}", heads);
          return new MigrationResult(List.of(), current, heads);
        });
  }

  /**
   * Downgrades to {@code target}, after checking, as an upgrade does, that no applied script was
   * edited: an edited downgrade section is not run without a word.
   *
   * @throws ChecksumMismatchException if an applied script was edited; nothing has run
   * @throws dev.plinth.db.migrate.InvalidMigrationException if a SQL revision of the plan cannot
   *     run (see {@link MigrationScript#check}); nothing has run
   * @throws dev.plinth.db.migrate.RevisionFailedException if a revision fails
   * @throws dev.plinth.db.migrate.MigrationLockTimeoutException if another migrator holds the lock
   * @throws dev.plinth.db.migrate.InvalidGraphException if the target cannot be resolved
   */
  public MigrationResult downgrade(String target) {
    return locked(
        current -> {
          checksums.verify(current, db.reader().call(history::recordedChecksums));
          return run(graph.downgrade(current, target), current);
        });
  }

  /**
   * Sets the version table to the heads that {@code target} names ({@code base} for none), running
   * nothing, and records the stamp in the history.
   *
   * @throws dev.plinth.db.migrate.MigrationLockTimeoutException if another migrator holds the lock
   * @throws dev.plinth.db.migrate.InvalidGraphException if the target cannot be resolved
   */
  public MigrationResult stamp(String target) {
    return locked(
        current -> {
          Set<String> heads = headsOf(target);
          Instant started = Instant.now();
          db.writer()
              .run(
                  tx -> {
                    versions.change(tx, current, heads);
                    for (String head : heads.isEmpty() ? Set.of(BASE) : heads) {
                      record(tx, head, Action.STAMP, null, started);
                    }
                  });
          LOG.info("stamped {} (was {})", heads, current);
          return new MigrationResult(List.of(), current, heads);
        });
  }

  /**
   * Records the current checksum of every applied script that was edited since it was applied, so
   * that upgrades accept the edit. For edits that do not change what the revision does.
   *
   * @return the ids of the revisions whose checksum was re-recorded
   * @throws dev.plinth.db.migrate.MigrationLockTimeoutException if another migrator holds the lock
   */
  public List<String> repair() {
    List<String> repaired = new ArrayList<>();
    locked(
        current -> {
          Instant started = Instant.now();
          Map<String, String> recorded = db.reader().call(history::recordedChecksums);
          db.writer()
              .run(
                  tx -> {
                    for (ChecksumMismatchException m : checksums.mismatches(current, recorded)) {
                      record(tx, m.revision(), Action.REPAIR, m.current(), started);
                      LOG.info("recorded checksum {} for revision {}", m.current(), m.revision());
                      repaired.add(m.revision());
                    }
                  });
          return new MigrationResult(List.of(), current, current);
        });
    return repaired;
  }

  /**
   * Checks that no applied script was edited since it was applied. Takes no lock; a database never
   * migrated has nothing to check.
   *
   * @throws ChecksumMismatchException for the first edited script, the others suppressed
   */
  public void verifyChecksums() {
    db.reader()
        .run(
            tx -> {
              List<String> tables = tableNames(tx);
              if (tables.contains(versions.name()) && tables.contains(history.name())) {
                checksums.verify(versions.read(tx), history.recordedChecksums(tx));
              }
            });
  }

  /** The version table's rows; empty when it does not exist yet. Takes no lock. */
  public Set<String> current() {
    return db.reader()
        .call(tx -> tableNames(tx).contains(versions.name()) ? versions.read(tx) : Set.of());
  }

  /**
   * The revision ids an upgrade to {@code target} would run now, in order. Takes no lock.
   *
   * @throws dev.plinth.db.migrate.InvalidGraphException if the target cannot be resolved
   */
  public List<String> planUpgrade(String target) {
    return graph.upgrade(current(), target).revisionIds();
  }

  /**
   * The revision ids a downgrade to {@code target} would run now, in order. Takes no lock.
   *
   * @throws dev.plinth.db.migrate.InvalidGraphException if the target cannot be resolved
   */
  public List<String> planDowngrade(String target) {
    return graph.downgrade(current(), target).revisionIds();
  }

  private MigrationResult locked(Function<Set<String>, MigrationResult> work) {
    try (MigrationLock lock =
        MigrationLock.acquire(db, lockName(versions.name()), lockTimeout, endOrphans)) {
      createMissingTables();
      return work.apply(db.reader().call(versions::read));
    }
  }

  private MigrationResult run(MigrationPlan plan, Set<String> current) {
    if (plan.isEmpty()) {
      LOG.info("database already at the target ({})", current);
      return new MigrationResult(List.of(), current, current);
    }
    List<MigrationStep> all = plan.steps();
    for (MigrationStep step : all) {
      scripts.get(step.revision().id()).check(step.direction(), db.dialect().name());
    }
    LOG.info("{} revision(s) to run from {}: {}", all.size(), current, plan.revisionIds());
    steps.newRun();
    List<AppliedRevision> applied = new ArrayList<>();
    for (MigrationStep step : all) {
      boolean last = applied.size() == all.size() - 1;
      try {
        MigrationScript script = guard.admit(step, scripts.get(step.revision().id()));
        applied.add(steps.run(step, script, !last));
      } catch (RuntimeException | Error e) {
        if (!applied.isEmpty()) {
          makeDurable(e);
        }
        throw e;
      }
    }
    return new MigrationResult(applied, current, all.get(all.size() - 1).headsAfter());
  }

  /**
   * Makes the relaxed commits of the steps before a failure durable, as the last step's commit
   * would have: rewriting the version rows gives a commit that is not relaxed something to flush.
   */
  private void makeDurable(Throwable failure) {
    try {
      db.writer().run(versions::rewrite);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private Set<String> headsOf(String target) {
    if (BASE.equals(target)) {
      return Set.of();
    }
    List<MigrationStep> fromScratch = graph.upgrade(Set.of(), target).steps();
    return fromScratch.isEmpty() ? Set.of() : fromScratch.get(fromScratch.size() - 1).headsAfter();
  }

  private void record(Tx tx, String revision, Action action, String checksum, Instant started) {
    history.record(
        tx,
        new HistoryEntry(
            revision,
            action,
            Optional.ofNullable(checksum),
            started,
            Duration.between(started, Instant.now()).toMillis(),
            Outcome.SUCCESS));
  }

  private void createMissingTables() {
    db.writer()
        .run(
            tx -> {
              List<String> existing = tableNames(tx);
              for (Table table : List.of(versions.model(), history.model())) {
                if (!existing.contains(table.name())) {
                  db.dialect().ddl().createTable(table).forEach(tx::update);
                  LOG.info("created table {}", table.name());
                }
              }
            });
  }

  private List<String> tableNames(Tx tx) {
    return db.schema().tableNames(tx);
  }
}
