package dev.plinth.db.testing.kit;

import dev.plinth.db.archive.ShadowDrift;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.List;

/**
 * The rule, for a service that archives soft-deleted rows, that every revision keeps the {@code
 * shadow_<table>} tables in step with their main tables, as Nova's migrations alter a table and its
 * shadow in the same revision: a shadow table that lacks a column makes the archiver refuse the
 * table (or, worse, lose the column's values).
 */
public final class ShadowTablesSync {
  private ShadowTablesSync() {}

  /**
   * Upgrades the empty database {@code db} one revision at a time and checks the shadow tables
   * after each; fails at the first revision that leaves one missing or drifted.
   *
   * @throws AssertionError naming the revision, the shadow table and each differing column
   */
  public static void verify(Database db, Migrator migrator) {
    RevisionSteps steps = new RevisionSteps(db, migrator);
    for (RevisionInfo revision : steps.upgradeOrder()) {
      steps.upgrade(revision);
      List<ShadowDrift> drifts = ShadowTables.of(db).check();
      if (!drifts.isEmpty()) {
        throw KitFailure.verdict(
                "revision "
                    + revision.id()
                    + " leaves "
                    + drifts.size()
                    + " shadow table(s) out of step with their main tables")
            .block("revision", RevisionSteps.describe(revision))
            .block("differences", drifts.stream().map(ShadowDrift::describe).toList())
            .next(
                "alter the shadow table in the same revision (ShadowedOperations does both),"
                    + " or create it there")
            .toError();
      }
    }
  }
}
