package dev.plinth.db.migrate.graph;

import java.util.List;

/**
 * The revisions an upgrade or downgrade runs, in the order Alembic 1.8 runs them for the same
 * graph. An empty plan means the database is already at the target.
 *
 * @param steps the steps in execution order
 */
public record MigrationPlan(List<MigrationStep> steps) {

  /** Copies the list. */
  public MigrationPlan {
    steps = List.copyOf(steps);
  }

  /** Whether there is nothing to run. */
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The revision ids in execution order, as {@code upgrade --plan} prints them. */
  public List<String> revisionIds() {
    return steps.stream().map(s -> s.revision().id()).toList();
  }
}
