package dev.plinth.db.migrate.phase;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.PhaseRefusedException;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.Direction;
import dev.plinth.db.migrate.graph.MigrationStep;
import dev.plinth.db.migrate.runner.StepGuard;
import dev.plinth.db.migrate.source.MigrationScript;
import java.util.List;
import java.util.Optional;

/**
 * Checks each contract revision of an upgrade just before it runs, whatever the phase asked for: it
 * is refused while an online data migration still finds rows to migrate, and, when the service
 * registered its models, while it would drop a table or column that they still declare. The models
 * are checked inside the revision's transaction, after its statements, by reading the schema back
 * (a refusal rolls it back); where that cannot undo DDL (no transactional DDL, or a revision that
 * runs outside a transaction) the revision is first rendered offline and its {@code DROP} and
 * {@code RENAME} statements are checked before anything runs.
 */
final class ContractGuard implements StepGuard {
  private final Database db;
  private final OnlineMigrationRunner dataMigrations;
  private final Optional<ModelCheck> models;

  ContractGuard(Database db, OnlineMigrationRunner dataMigrations, Optional<Schema> models) {
    this.db = db;
    this.dataMigrations = dataMigrations;
    this.models = models.map(ModelCheck::new);
  }

  @Override
  public MigrationScript admit(MigrationStep step, MigrationScript script) {
    RevisionInfo revision = step.revision();
    if (step.direction() != Direction.UPGRADE || revision.phase().orElse(null) != Phase.CONTRACT) {
      return script;
    }
    refuseWhileDataRemains(revision, dataMigrations);
    if (models.isEmpty()) {
      return script;
    }
    ModelCheck check = models.get();
    if (!db.dialect().transactionalDdl() || !revision.transactional()) {
      check.beforeRunning(db, script);
    }
    return revision.transactional() ? new ModelCheckedScript(script, check) : script;
  }

  /**
   * Refuses {@code revision} while a registered online data migration still finds rows.
   *
   * @throws PhaseRefusedException naming the revision and the migrations
   */
  static void refuseWhileDataRemains(RevisionInfo revision, OnlineMigrationRunner dataMigrations) {
    List<String> pending = dataMigrations.pending();
    if (!pending.isEmpty()) {
      throw new PhaseRefusedException(
          revision.id(),
          String.format(
              "contract revision %s (%s) cannot run: online data migration(s) %s still find rows"
                  + " to migrate. Run 'online-data-migrations' until it exits 0, then run the"
                  + " contract phase again",
              revision.id(), revision.origin(), String.join(", ", pending)));
    }
  }
}
