package dev.plinth.db.archive;

import dev.plinth.db.archive.internal.ArchivePlan;
import dev.plinth.db.archive.internal.BatchMover;
import dev.plinth.db.archive.internal.DeletedRowFilter;
import dev.plinth.db.archive.internal.KeyRange;
import dev.plinth.db.archive.internal.TableGraph;
import dev.plinth.db.archive.internal.Workers;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.TransactionScope;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.schema.Schema;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves soft-deleted rows ({@code deleted <> 0}, optionally {@code deleted_at} before a cut-off)
 * into their {@code shadow_<table>} tables, after Nova's {@code archive_deleted_rows}.
 *
 * <pre>{@code
 * ArchiveResult r = Archiver.builder().database(db).maxRows(1000).before(cutoff).build().run();
 * }</pre>
 *
 * <p>Tables are walked children first. Each batch is one transaction that copies a set of rows with
 * {@code INSERT ... SELECT} and deletes exactly that set, together with every row that references
 * one of them (reported as residue), so the run can be killed at any moment and re-run without
 * losing or duplicating a row. Progress through a table is by key (keyset), so memory does not grow
 * with the table. A run archives at most {@code maxRows} soft-deleted rows unless it is {@code
 * untilComplete}. Tables whose shadow table is missing or has drifted are refused and left
 * untouched; the others are archived, and the refusal is then thrown.
 */
public final class Archiver {
  private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

  private final Database db;
  private final int maxRows;
  private final Instant before;
  private final boolean untilComplete;
  private final Duration sleep;
  private final List<String> tables;
  private final boolean dryRun;

  /** Where each batch runs: a writer transaction, relaxed unless synchronous commits were asked. */
  private final TransactionScope batches;

  private final int parallel;
  private final Consumer<ArchiveBatch> listener;

  private Archiver(Builder b) {
    this.db = b.db;
    this.maxRows = b.maxRows;
    this.before = b.before;
    this.untilComplete = b.untilComplete;
    this.sleep = b.sleep;
    this.tables = List.copyOf(b.tables);
    this.dryRun = b.dryRun;
    this.batches = b.synchronousCommit ? db.writer() : db.writer().relaxedCommit();
    this.parallel = b.parallel;
    this.listener = b.listener;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the archive.
   *
   * @return the rows archived per table, the residue, and whether rows remain for another run
   * @throws ArchiveException if a table was refused; {@link ArchiveException#result()} then holds
   *     what was done with the other tables
   * @throws dev.plinth.db.core.error.DbException if a statement fails; batches already committed
   *     stay committed and the failing one is rolled back whole
   */
  public ArchiveResult run() {
    Schema schema = db.reader().call(tx -> db.schema().readAll(tx));
    ArchivePlan plan =
        ArchivePlan.of(
            schema,
            tables,
            before != null,
            (s, t) ->
                ShadowTables.identifierProblem(db.dialect(), t)
                    .or(() -> ShadowTables.drift(s, t).map(ShadowDrift::describe)));
    boolean lockedRangesHold = db.reader().call(Archiver::lockedRangesHold);
    BatchMover mover =
        new BatchMover(plan.graph(), DeletedRowFilter.of(db.dialect(), before), lockedRangesHold);
    plan.refused().forEach((t, why) -> LOG.warn("{}", why));
    plan.skipped().forEach((t, why) -> LOG.info("{}", why));
    ArchiveResult result = dryRun ? dryRun(plan, mover) : archive(plan, mover);
    if (!plan.refused().isEmpty()) {
      throw new ArchiveException(String.join("\n", plan.refused().values()), result);
    }
    return result;
  }

  /** Whether the transactions run at REPEATABLE READ or above (see {@link BatchMover}). */
  private static boolean lockedRangesHold(Tx tx) {
    return tx.withConnection(
        c -> c.getTransactionIsolation() >= Connection.TRANSACTION_REPEATABLE_READ);
  }

  private ArchiveResult archive(ArchivePlan plan, BatchMover mover) {
    Run run = new Run(untilComplete ? Long.MAX_VALUE : maxRows);
    for (List<String> wave : plan.waves()) {
      Workers.forEach(
          slices(wave, mover), parallel, "plinth-archive", s -> archive(s, mover, run), run::stop);
    }
    boolean remain =
        !plan.refused().isEmpty()
            || run.budgetLeft() == 0
                && db.reader()
                    .call(tx -> plan.tables().stream().anyMatch(t -> mover.hasRows(tx, t)));
    return new ArchiveResult(
        run.archived(), run.residue(), plan.refused(), plan.skipped(), remain, false);
  }

  /** A table's keys, or part of them, for one worker. */
  private record Slice(String table, KeyRange range) {}

  /**
   * The work of one wave: a slice per table, or, with more threads than tables, each table's
   * integer keys split so that every thread has a slice.
   */
  private List<Slice> slices(List<String> wave, BatchMover mover) {
    int parts = parallel / wave.size();
    List<Slice> slices = new ArrayList<>();
    for (String table : wave) {
      List<KeyRange> ranges =
          parts < 2 ? List.of(KeyRange.ALL) : db.reader().call(tx -> mover.split(tx, table, parts));
      ranges.forEach(range -> slices.add(new Slice(table, range)));
    }
    return slices;
  }

  /** Archives a slice batch after batch until it is done or the run's budget is used up. */
  private void archive(Slice slice, BatchMover mover, Run run) {
    String table = slice.table();
    KeyRange range = slice.range();
    int batchRows = batchRows(table);
    for (int limit = run.reserve(batchRows); limit > 0; limit = run.reserve(batchRows)) {
      KeyRange from = range;
      int rows = limit;
      long start = System.nanoTime();
      BatchMover.Batch batch = batches.call(tx -> mover.move(tx, table, from, rows));
      run.record(table, batch, limit, System.nanoTime() - start);
      if (batch.selected() < limit) {
        return;
      }
      range = range.after(batch.lastKey());
      pause();
    }
  }

  /**
   * {@code maxRows}, or fewer where the backend limits what one transaction may write (a Galera
   * cluster's write-set limits): a batch copies and deletes each row.
   */
  private int batchRows(String table) {
    int limit = db.reader().call(tx -> tx.dialect().maxRowsPerTransaction(tx, table, 2));
    if (limit < maxRows) {
      LOG.info(
          "archiving {} in batches of {} rows instead of {}: the backend limits what one"
              + " transaction may write",
          table,
          limit,
          maxRows);
      return limit;
    }
    return maxRows;
  }

  private ArchiveResult dryRun(ArchivePlan plan, BatchMover mover) {
    long budget = untilComplete ? Long.MAX_VALUE : maxRows;
    Map<String, Long> wouldArchive = new LinkedHashMap<>();
    boolean remain = !plan.refused().isEmpty();
    for (String table : plan.tables()) {
      long count = db.reader().call(tx -> mover.count(tx, table));
      long taken = Math.min(count, budget);
      if (taken > 0) {
        wouldArchive.put(table, taken);
      }
      budget -= taken;
      remain |= taken < count;
    }
    return new ArchiveResult(wouldArchive, Map.of(), plan.refused(), plan.skipped(), remain, true);
  }

  private void pause() {
    if (sleep.isZero()) {
      return;
    }
    try {
      Thread.sleep(sleep.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArchiveException("interrupted between archive batches; committed batches stay");
    }
  }

  /**
   * The counts of a run in progress, shared by the threads of a wave: each batch reserves its rows
   * from the budget first, so that threads together never exceed it.
   */
  private final class Run {
    private final long budget;
    private long total;
    private long reserved;
    private boolean stopped;
    private final Map<String, Long> archived = new LinkedHashMap<>();
    private final Map<String, Long> residue = new LinkedHashMap<>();

    Run(long budget) {
      this.budget = budget;
    }

    synchronized long budgetLeft() {
      return budget - total - reserved;
    }

    /**
     * Takes up to {@code rows} rows of the budget for one batch; 0 when none is left or stopped.
     */
    synchronized int reserve(int rows) {
      int taken = stopped ? 0 : (int) Math.min(rows, budgetLeft());
      reserved += taken;
      return taken;
    }

    /** Books a committed batch that had reserved {@code limit} rows, and reports it. */
    synchronized void record(String table, BatchMover.Batch batch, int limit, long nanos) {
      reserved -= limit;
      if (batch.selected() == 0) {
        return;
      }
      total += batch.archived();
      archived.merge(table, (long) batch.archived(), Long::sum);
      db.metrics().rowsArchived(table, batch.archived());
      batch
          .residue()
          .forEach(
              (t, n) -> {
                residue.merge(t, (long) n, Long::sum);
                db.metrics().residueArchived(t, n);
              });
      int extra = batch.residue().values().stream().mapToInt(Integer::intValue).sum();
      LOG.debug("{}: archived {} rows and {} residue rows", table, batch.archived(), extra);
      listener.accept(new ArchiveBatch(table, batch.archived(), extra, nanos, total, budget));
    }

    synchronized void stop() {
      stopped = true;
    }

    synchronized Map<String, Long> archived() {
      return new LinkedHashMap<>(archived);
    }

    synchronized Map<String, Long> residue() {
      return new LinkedHashMap<>(residue);
    }
  }

  /** Collects an {@link Archiver}'s settings; {@link #build()} checks them. */
  public static final class Builder {
    private Database db;
    private int maxRows = 1000;
    private Instant before;
    private boolean untilComplete;
    private Duration sleep = Duration.ZERO;
    private List<String> tables = List.of();
    private boolean dryRun;
    private boolean synchronousCommit;
    private int parallel = 1;
    private Consumer<ArchiveBatch> listener = batch -> {};

    private Builder() {}

    /** The database to archive (required). */
    public Builder database(Database db) {
      this.db = db;
      return this;
    }

    /** Rows per batch, and per run unless {@link #untilComplete(boolean)}; default 1000. */
    public Builder maxRows(int maxRows) {
      this.maxRows = maxRows;
      return this;
    }

    /** Archives only rows whose {@code deleted_at} is before {@code before}; default: all. */
    public Builder before(Instant before) {
      this.before = before;
      return this;
    }

    /** Keeps going, batch after batch, until nothing is left to archive; default false. */
    public Builder untilComplete(boolean untilComplete) {
      this.untilComplete = untilComplete;
      return this;
    }

    /** Pauses between batches to spare the database; default zero. */
    public Builder sleep(Duration sleep) {
      this.sleep = sleep;
      return this;
    }

    /** Archives only these tables (and the residue below them); default every table. */
    public Builder tables(List<String> tables) {
      this.tables = List.copyOf(tables);
      return this;
    }

    /** Counts what would be archived without writing anything; default false. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Waits for every batch's commit to reach the disk; default false. By default a batch commits
     * under {@link TransactionScope#relaxedCommit()} where the backend allows this per transaction
     * (PostgreSQL's {@code synchronous_commit = off}, SQLite's {@code synchronous = NORMAL} in WAL
     * mode): a crash can then undo the last batches reported as moved, whole, so their rows are
     * back in the main table, none lost or duplicated, and the next run moves them again.
     */
    public Builder synchronousCommit(boolean synchronousCommit) {
      this.synchronousCommit = synchronousCommit;
      return this;
    }

    /**
     * Archives with up to {@code parallel} threads, each on its own connection: tables that do not
     * reference each other side by side (a table still finishes after the tables that reference
     * it), and, where a step has fewer tables than threads, a table's integer keys split into
     * ranges; default 1. Every batch stays one transaction of at most {@link #maxRows(int)} rows,
     * and a run without {@link #untilComplete(boolean)} still moves at most {@code maxRows} rows in
     * all. Rare lock conflicts between the threads (InnoDB gap locks, SQLite's single writer)
     * surface as deadlocks, which the database's transaction retry absorbs.
     */
    public Builder parallel(int parallel) {
      this.parallel = parallel;
      return this;
    }

    /** Called after every committed batch, on the archiving thread (for progress). */
    public Builder listener(Consumer<ArchiveBatch> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Checks the settings and builds the archiver.
     *
     * @throws IllegalArgumentException naming the setting at fault: no database, {@code maxRows} or
     *     {@code parallel} below 1, a negative {@code sleep}, or a table the database does not have
     * @throws dev.plinth.db.core.error.DbException if the table names cannot be read
     */
    public Archiver build() {
      if (db == null) {
        throw new IllegalArgumentException("database: give the Database to archive");
      }
      if (maxRows < 1) {
        throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
      }
      if (parallel < 1) {
        throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
      }
      if (sleep.isNegative()) {
        throw new IllegalArgumentException("sleep must not be negative, got " + sleep);
      }
      if (!tables.isEmpty()) {
        Schema schema = db.reader().call(tx -> db.schema().readAll(tx));
        ArchivePlan.requireKnown(TableGraph.of(schema), tables);
      }
      return new Archiver(this);
    }
  }
}
