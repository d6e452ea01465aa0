package dev.plinth.db.migrate.runner;

import dev.plinth.db.migrate.graph.MigrationStep;
import dev.plinth.db.migrate.source.MigrationScript;

/**
 * Admits each step of a plan just before it runs, outside its transaction: it may refuse the step
 * by throwing, or return a script that wraps the step's own to check what it did inside its
 * transaction.
 */
@FunctionalInterface
public interface StepGuard {

  /** Admits every step unchanged. */
  StepGuard NONE = (step, script) -> script;

  /**
   * Admits {@code step}.
   *
   * @return the script to run for the step: {@code script} or a wrapper around it
   * @throws dev.plinth.db.migrate.MigrationException to refuse the step; nothing of it has run
   */
  MigrationScript admit(MigrationStep step, MigrationScript script);
}
