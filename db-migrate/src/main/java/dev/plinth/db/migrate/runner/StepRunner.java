package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.TransactionScope;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.WorkMark;
import dev.plinth.db.core.tx.DdlStatements;
import dev.plinth.db.migrate.AppliedRevision;
import dev.plinth.db.migrate.PhaseRefusedException;
import dev.plinth.db.migrate.RevisionFailedException;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.Direction;
import dev.plinth.db.migrate.graph.MigrationStep;
import dev.plinth.db.migrate.runner.HistoryEntry.Action;
import dev.plinth.db.migrate.runner.HistoryEntry.Outcome;
import dev.plinth.db.migrate.source.MigrationScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of a plan. By default the revision, its version-table change and its history row
 * commit in one transaction; every step but the last of a run commits relaxed (see {@link
 * TransactionScope#relaxedCommit()}), since the last one's durable commit flushes them all. A
 * revision declared {@code transactional = false} runs statement by statement in auto-commit, and
 * its version change commits right after it. A failure is recorded in the history in a transaction
 * of its own and thrown as a {@link RevisionFailedException} that says what stayed applied. The
 * revision's session carries the dialect's work mark while it runs (see {@link MigrationLock}).
 *
 * <p>Where the dialect sends statements together and has each of these settings as a statement
 * (PostgreSQL), a transactional revision travels in two round trips: the relaxed-commit setting,
 * the work mark, a savepoint, the revision's statements, the version and history change; then the
 * commit. If a statement fails, the revision rolls back to the savepoint and runs them one by one,
 * so that the failure names its statement, and then records itself as usual.
 */
final class StepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

  private final Database db;
  private final VersionTable versions;
  private final HistoryTable history;
  private String schema;

  StepRunner(Database db, VersionTable versions, HistoryTable history) {
    this.db = db;
    this.versions = versions;
    this.history = history;
  }

  /**
   * Starts a run: the connection's current schema is read again by its first revision, and every
   * later revision of the run expects the schema the one before it left (each sets it back).
   */
  void newRun() {
    schema = null;
  }

  /**
   * Runs {@code step} with {@code script}.
   *
   * @param relaxed whether the step may commit without waiting for the disk, because a later step
   *     of the same run will commit durably (which flushes this commit too)
   * @throws RevisionFailedException if the revision fails
   */
  AppliedRevision run(MigrationStep step, MigrationScript script, boolean relaxed) {
    RevisionInfo info = step.revision();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<String> preamble = info.transactional() ? preamble(relaxed) : null;
    TransactionScope writer =
        relaxed && preamble == null ? db.writer().relaxedCommit() : db.writer();
    try {
      if (info.transactional()) {
        try {
          writer.schemaChange().run(tx -> inTransaction(tx, step, script, started, t0, preamble));
        } finally {
          afterDdl();
        }
      } else {
        RevisionContext done = autoCommitted(step, script);
        writer.run(tx -> finish(tx, step, script, started, t0, done));
      }
    } catch (RevisionFailedException e) {
      db.metrics().revisionRan(upgrade(step), false, System.nanoTime() - t0);
      recordFailure(step, script, started, t0, e);
      if (e.getCause() instanceof PhaseRefusedException refused
          && e.committedStatements().isEmpty()) {
        throw refused;
      }
      throw e;
    }
    long nanos = System.nanoTime() - t0;
    db.metrics().revisionRan(upgrade(step), true, nanos);
    Duration took = Duration.ofNanos(nanos);
    LOG.info(
        "{} {} ({}) done in {} ms",
        upgrade(step) ? "upgrade" : "downgrade",
        info.id(),
        info.message(),
        took.toMillis());
    return new AppliedRevision(info.id(), info.message(), step.direction(), took);
  }

  private static boolean upgrade(MigrationStep step) {
    return step.direction() == Direction.UPGRADE;
  }

  /**
   * The statements that set up a transactional revision where they can travel with its first
   * statements: the relaxed commit if {@code relaxed}, then the work mark; null where the dialect
   * cannot send them so, and the transaction sets them up itself.
   */
  private List<String> preamble(boolean relaxed) {
    Dialect dialect = db.dialect();
    Optional<String> relax = dialect.relaxedCommitStatement();
    Optional<String> mark = dialect.markWorkStatement(MigrationRunner.lockName(versions.name()));
    if (dialect.statementBatchSchemaQuery().isEmpty()
        || dialect.transactionMillisExpression().isEmpty()
        || (relaxed && relax.isEmpty())
        || mark.isEmpty()) {
      return null;
    }
    return relaxed ? List.of(relax.get(), mark.get()) : List.of(mark.get());
  }

  /**
   * Runs a transactional revision: with {@code preamble} (see {@link #preamble}) its statements and
   * its version and history change go to the server together where they can; otherwise the work
   * mark is set first and the change is made after the statements.
   */
  private void inTransaction(
      Tx tx,
      MigrationStep step,
      MigrationScript script,
      Instant started,
      long t0,
      List<String> preamble) {
    RevisionContext ctx =
        RevisionContext.inTransaction(
            step.revision(), tx, schema, preamble == null ? List.of() : preamble, this::afterDdl);
    schema = ctx.schema();
    try (WorkMark mark = preamble == null ? markWork(tx) : WorkMark.NONE) {
      boolean recorded;
      try {
        run(step, script, ctx);
        recorded = sendWithStatements(tx, step, script, started, t0, ctx);
        ctx.restoreSchema();
      } catch (RuntimeException e) {
        throw failure(step, ctx, e);
      }
      if (!recorded) {
        finish(tx, step, script, started, t0, ctx);
      }
    }
  }

  /**
   * Sends the version and history change with the statements the revision holds back, if it can.
   *
   * @return whether the change was made
   * @throws dev.plinth.db.migrate.MigrationException if the version table did not hold the row:
   *     another migrator changed it
   */
  private boolean sendWithStatements(
      Tx tx,
      MigrationStep step,
      MigrationScript script,
      Instant started,
      long t0,
      RevisionContext ctx) {
    if (!ctx.holdsAll() || ctx.schema() == null) {
      return false;
    }
    HistoryEntry entry = entry(step, script, started, t0, Outcome.SUCCESS);
    Optional<String> change =
        history.recordWithMoveStatement(
            tx.dialect(),
            ctx.schema(),
            versions,
            step.headsBefore(),
            step.headsAfter(),
            entry,
            entry.durationMillis());
    if (change.isEmpty()) {
      return false;
    }
    OptionalInt hit = ctx.sendWith(change.get());
    if (hit.isPresent() && hit.getAsInt() != 1) {
      Set<String> before = step.headsBefore();
      String moved = versions.statements(tx.dialect(), before, step.headsAfter()).get(0).mustHit();
      throw versions.changedByOther(tx, moved, before);
    }
    return hit.isPresent();
  }

  /** Marks the revision's session so that the next migrator finds it should this process die. */
  private WorkMark markWork(Tx tx) {
    return db.dialect().markWork(tx, MigrationRunner.lockName(versions.name()));
  }

  /**
   * Drops cached schema metadata after statements that a {@link RevisionContext} sent together,
   * which the transaction does not see as DDL.
   */
  private void afterDdl() {
    db.schema().invalidate();
  }

  private RevisionContext autoCommitted(MigrationStep step, MigrationScript script) {
    try (Session session = db.openSession();
        WorkMark mark = markWork(session)) {
      RevisionContext ctx =
          RevisionContext.autoCommit(step.revision(), session, schema, this::afterDdl);
      schema = ctx.schema();
      try {
        invoke(step, script, ctx);
        return ctx;
      } catch (RuntimeException e) {
        throw failure(step, ctx, e);
      }
    }
  }

  private void finish(
      Tx tx,
      MigrationStep step,
      MigrationScript script,
      Instant started,
      long t0,
      RevisionContext ctx) {
    try {
      HistoryEntry entry = entry(step, script, started, t0, Outcome.SUCCESS);
      if (!history.recordWithMove(tx, versions, step.headsBefore(), step.headsAfter(), entry)) {
        versions.change(tx, step.headsBefore(), step.headsAfter());
        history.record(tx, entry);
      }
    } catch (RuntimeException e) {
      throw failure(step, ctx, e);
    }
  }

  private static void invoke(MigrationStep step, MigrationScript script, RevisionContext ctx) {
    run(step, script, ctx);
    ctx.restoreSchema();
  }

  private static void run(MigrationStep step, MigrationScript script, RevisionContext ctx) {
    if (step.direction() == Direction.UPGRADE) {
      script.upgrade(ctx);
    } else {
      script.downgrade(ctx);
    }
  }

  private void recordFailure(
      MigrationStep step,
      MigrationScript script,
      Instant started,
      long t0,
      RevisionFailedException failure) {
    try {
      db.writer().run(tx -> history.record(tx, entry(step, script, started, t0, Outcome.FAILURE)));
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static HistoryEntry entry(
      MigrationStep step, MigrationScript script, Instant started, long t0, Outcome outcome) {
    boolean up = step.direction() == Direction.UPGRADE;
    return new HistoryEntry(
        step.revision().id(),
        up ? Action.UPGRADE : Action.DOWNGRADE,
        up ? script.checksum() : Optional.empty(),
        started,
        Duration.ofNanos(System.nanoTime() - t0).toMillis(),
        outcome);
  }

  private RevisionFailedException failure(
      MigrationStep step, RevisionContext ctx, RuntimeException cause) {
    List<String> committed = committed(ctx);
    RevisionInfo info = step.revision();
    StringBuilder m = new StringBuilder();
    m.append(info.origin())
        .append(": ")
        .append(step.direction() == Direction.UPGRADE ? "upgrade" : "downgrade")
        .append(" of revision ")
        .append(info.id())
        .append(" failed");
    if (ctx.failedStatement() != null) {
      m.append(" at statement ")
          .append(ctx.executed().size() + 1)
          .append(" (")
          .append(Statements.shorten(ctx.failedStatement()))
          .append(')');
    }
    m.append(": ").append(cause.getMessage()).append(". ");
    if (committed.isEmpty()) {
      m.append(
              "Nothing of it was kept: its transaction rolled back and the version table still"
                  + " holds ")
          .append(step.headsBefore())
          .append('.');
    } else {
      m.append(committed.size())
          .append(" statement(s) of it had already been committed and stay" + " applied (")
          .append(
              ctx.autoCommitted()
                  ? "it runs outside a transaction"
                  : db.dialect().name() + " commits DDL implicitly")
          .append("): ")
          .append(Statements.numbered(committed))
          .append(". The version table still names the last completed revision(s) ")
          .append(step.headsBefore())
          .append(
              ". Undo those statements by hand (or make the"
                  + " revision safe to re-run), fix it, then run again.");
    }
    return new RevisionFailedException(m.toString(), info.id(), committed, cause);
  }

  private List<String> committed(RevisionContext ctx) {
    List<String> executed = ctx.executed();
    if (ctx.autoCommitted()) {
      return executed;
    }
    if (db.dialect().transactionalDdl()) {
      return List.of();
    }
    // DDL commits implicitly before it runs, so even a failed DDL statement commits all before it.
    String failedStatement = ctx.failedStatement();
    if (failedStatement != null && DdlStatements.isDdl(failedStatement)) {
      return executed;
    }
    int lastDdl = -1;
    for (int i = 0; i < executed.size(); i++) {
      if (DdlStatements.isDdl(executed.get(i))) {
        lastDdl = i;
      }
    }
    return executed.subList(0, lastDdl + 1);
  }
}
