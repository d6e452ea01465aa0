package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.ModelsCreationException;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.models.CreationPlan;
import dev.plinth.db.migrate.models.DdlStep;
import dev.plinth.db.migrate.runner.HistoryEntry.Action;
import dev.plinth.db.migrate.runner.HistoryEntry.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a new database straight from the models, as Alembic's recipe for new installations does
 * ({@code metadata.create_all()}, then {@code alembic stamp head}): under the migration lock, on a
 * database without the models' tables and without a version table, it runs the {@link
 * CreationPlan}, creates the version and history tables, stamps the graph's heads and records that
 * in the history, all in one transaction. On a backend whose DDL commits implicitly (MySQL) a
 * failure drops again, newest first, what had been created.
 */
public final class ModelsInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(ModelsInstaller.class);

  private final Database db;
  private final RevisionGraph graph;
  private final VersionTable versions;
  private final HistoryTable history;
  private final Duration lockTimeout;
  private final boolean endOrphans;

  /**
   * Creates an installer.
   *
   * @param db the database to build
   * @param graph the revision graph whose heads are stamped
   * @param versionTable the version table's name
   * @param historyTable the history table's name
   * @param lockTimeout how long to wait for another migrator
   * @param endOrphans whether to end a killed migrator's work still running on the server instead
   *     of waiting for it
   */
  public ModelsInstaller(
      Database db,
      RevisionGraph graph,
      String versionTable,
      String historyTable,
      Duration lockTimeout,
      boolean endOrphans) {
    this.db = db;
    this.graph = graph;
    this.versions = new VersionTable(versionTable);
    this.history = new HistoryTable(historyTable);
    this.lockTimeout = lockTimeout;
    this.endOrphans = endOrphans;
  }

  /**
   * Creates every table of {@code models} and stamps the heads.
   *
   * @return no revisions run, the version table before (empty) and after (the heads)
   * @throws MigrationException if the database already has a table of the models or a version or
   *     history table, or a foreign key references a table or column no model declares; nothing has
   *     run
   * @throws ModelsCreationException if a table, index or foreign key cannot be created or the heads
   *     cannot be stamped
   * @throws dev.plinth.db.migrate.MigrationLockTimeoutException if another migrator holds the lock
   */
  public MigrationResult create(Schema models) {
    try (MigrationLock lock =
        MigrationLock.acquire(
            db, MigrationRunner.lockName(versions.name()), lockTimeout, endOrphans)) {
      refuseUnlessNew(models);
      DdlRenderer ddl = db.dialect().ddl();
      List<DdlStep> steps = new ArrayList<>(CreationPlan.of(models, ddl));
      steps.add(ownTable(ddl, versions.model()));
      steps.add(ownTable(ddl, history.model()));
      Set<String> heads = new TreeSet<>(graph.heads());
      List<DdlStep> done = new ArrayList<>();
      Instant started = Instant.now();
      try {
        db.writer().schemaChange().run(tx -> build(tx, steps, done, heads, started));
      } catch (Failure f) {
        Undo undo = undo(done);
        throw f.exception(undo, culprit(models, f.step, undo));
      } finally {
        db.schema().invalidate();
      }
      LOG.info("created the {} tables of the models and stamped {}", models.tables().size(), heads);
      return new MigrationResult(List.of(), Set.of(), heads);
    }
  }

  private void refuseUnlessNew(Schema models) {
    List<String> existing = db.reader().call(tx -> db.schema().tableNames(tx));
    List<String> own =
        Stream.of(versions.name(), history.name()).filter(existing::contains).toList();
    if (!own.isEmpty()) {
      throw new MigrationException(
          "cannot build the database from the models: it already has "
              + String.join(" and ", own)
              + ", so migrations manage it; run upgrade instead");
    }
    List<String> clashing =
        existing.stream().filter(t -> models.tables().containsKey(t)).sorted().toList();
    if (!clashing.isEmpty()) {
      throw new MigrationException(
          "cannot build the database from the models: it already has their table(s) "
              + String.join(", ", clashing)
              + "; building from the models needs a database without them (drop them, or stamp"
              + " and upgrade instead)");
    }
  }

  private void build(
      Tx tx, List<DdlStep> steps, List<DdlStep> done, Set<String> heads, Instant started) {
    done.clear();
    for (DdlStep step : steps) {
      String statement = null;
      try {
        for (String sql : step.statements()) {
          statement = sql;
          tx.update(sql);
        }
      } catch (RuntimeException e) {
        throw new Failure(step, statement, e);
      }
      done.add(step);
    }
    try {
      versions.change(tx, Set.of(), heads);
      for (String head : heads.isEmpty() ? Set.of("base") : heads) {
        history.record(
            tx,
            new HistoryEntry(
                head,
                Action.FROM_MODELS,
                Optional.empty(),
                started,
                Duration.between(started, Instant.now()).toMillis(),
                Outcome.SUCCESS));
      }
    } catch (RuntimeException e) {
      throw new Failure(stampStep(), null, e);
    }
  }

  /**
   * Drops, newest first, what the failed build created where the backend kept it.
   *
   * @return what could not be dropped and stays in the database
   */
  private Undo undo(List<DdlStep> done) {
    if (db.dialect().transactionalDdl() || done.isEmpty()) {
      return new Undo(List.of(), List.of());
    }
    List<String> dropped = new ArrayList<>();
    List<String> stayed = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0; i--) {
      DdlStep step = done.get(i);
      if (step.undo().isEmpty()) {
        continue;
      }
      try {
        db.writer().run(tx -> tx.update(step.undo().get()));
        dropped.add(step.object());
      } catch (RuntimeException e) {
        LOG.warn("could not drop {} again: {}", step.object(), e.getMessage());
        stayed.add(step.object());
      }
    }
    return new Undo(dropped, stayed);
  }

  /**
   * Which part of the table the failed step created the backend refuses, when the step was a CREATE
   * TABLE of a model table and the failure left nothing behind to clash with.
   */
  private Optional<String> culprit(Schema models, DdlStep failed, Undo undo) {
    if (!undo.stayed().isEmpty() || !failed.object().equals("table " + failed.table())) {
      return Optional.empty();
    }
    return models.table(failed.table()).flatMap(new TablePartProbe(db)::culprit);
  }

  private DdlStep stampStep() {
    return new DdlStep(versions.name(), "the stamp of the heads", List.of(), Optional.empty());
  }

  private static DdlStep ownTable(DdlRenderer ddl, Table table) {
    return new DdlStep(
        table.name(),
        "table " + table.name(),
        ddl.createTable(table),
        Optional.of(ddl.dropTable(table.name())));
  }

  /** What undoing a failed build on a backend without transactional DDL did. */
  private record Undo(List<String> dropped, List<String> stayed) {}

  /**
   * A failed step, thrown out of the transaction so that it rolls back and is not retried; turned
   * into the public exception once the undo is known.
   */
  private final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DdlStep step;
    private final String statement;

    Failure(DdlStep step, String statement, RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
      this.step = step;
      this.statement = statement;
    }

    ModelsCreationException exception(Undo undo, Optional<String> culprit) {
      StringBuilder m = new StringBuilder("cannot create ").append(step.object());
      if (statement != null) {
        m.append(" (").append(Statements.shorten(statement)).append(')');
      }
      m.append(": ").append(getCause().getMessage()).append(". ");
      culprit.ifPresent(
          c -> m.append("Created alone, ").append(c).append(" of it fails the same way. "));
      if (undo.dropped().isEmpty() && undo.stayed().isEmpty()) {
        m.append(
            db.dialect().transactionalDdl()
                ? "Nothing was created: the transaction rolled back."
                : "Nothing was created: it was the first object.");
      } else {
        m.append(db.dialect().name())
            .append(" commits DDL implicitly, so what had been created was dropped again: ")
            .append(
                String.join(", ", undo.dropped().isEmpty() ? List.of("nothing") : undo.dropped()))
            .append('.');
        if (!undo.stayed().isEmpty()) {
          m.append(" These could not be dropped and stay, drop them by hand: ")
              .append(String.join(", ", undo.stayed()))
              .append('.');
        }
      }
      m.append(" Fix the models, then run again on the empty database.");
      return new ModelsCreationException(
          m.toString(), step.table(), step.object(), undo.stayed(), getCause());
    }
  }
}
