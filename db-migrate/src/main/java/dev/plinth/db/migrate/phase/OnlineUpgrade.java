package dev.plinth.db.migrate.phase;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.migrate.OnlineDataMigration;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.runner.PlanShaper;
import dev.plinth.db.migrate.runner.StepGuard;
import java.util.List;
import java.util.Optional;

/**
 * The online-upgrade rules of one migrator: which revisions a phase runs, what a contract revision
 * must wait for, and the online data migrations it waits for.
 */
public final class OnlineUpgrade {
  private final OnlineMigrationRunner dataMigrations;
  private final PhasePlanner planner;
  private final ContractGuard guard;

  /**
   * Creates the rules.
   *
   * @param db the database
   * @param graph the revision graph
   * @param dataMigrations the registered online data migrations
   * @param models the service's models, if it registered them
   */
  public OnlineUpgrade(
      Database db,
      RevisionGraph graph,
      List<OnlineDataMigration> dataMigrations,
      Optional<Schema> models) {
    this.dataMigrations = new OnlineMigrationRunner(db, dataMigrations);
    this.planner = new PhasePlanner(graph, this.dataMigrations);
    this.guard = new ContractGuard(db, this.dataMigrations, models);
  }

  /** Shapes an upgrade plan into {@code phase}'s (the whole plan when empty). */
  public PlanShaper shaper(Optional<Phase> phase) {
    return planner.shaper(phase);
  }

  /** Checks each contract revision just before it runs. */
  public StepGuard guard() {
    return guard;
  }

  /** Runs and probes the registered online data migrations. */
  public OnlineMigrationRunner dataMigrations() {
    return dataMigrations;
  }
}
