package dev.plinth.db.migrate.runner;

import dev.plinth.db.migrate.graph.MigrationPlan;
import java.util.Set;

/**
 * Narrows or refuses an upgrade plan before anything of it runs, e.g. to the expand revisions of an
 * online upgrade.
 */
@FunctionalInterface
public interface PlanShaper {

  /** Runs the plan as it is. */
  PlanShaper WHOLE = (current, plan) -> plan;

  /**
   * Shapes {@code plan}, planned from the version table's {@code current} heads.
   *
   * @return the plan to run
   * @throws dev.plinth.db.migrate.MigrationException to refuse the upgrade; nothing has run
   */
  MigrationPlan shape(Set<String> current, MigrationPlan plan);
}
