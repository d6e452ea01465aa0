package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.RevisionInfo;
import java.util.Objects;
import java.util.Set;

/**
 * One revision to run, in one direction, with the version-table contents (one row per applied head,
 * as Alembic's {@code alembic_version}) before and after it. A runner replaces the rows of {@code
 * headsBefore} by those of {@code headsAfter} in the same transaction as the revision.
 *
 * @param revision the revision to run
 * @param direction upgrade or downgrade
 * @param headsBefore the version table before the step
 * @param headsAfter the version table after the step
 */
public record MigrationStep(
    RevisionInfo revision, Direction direction, Set<String> headsBefore, Set<String> headsAfter) {

  /** Validates and copies the sets. */
  public MigrationStep {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(direction, "direction");
    headsBefore = Set.copyOf(headsBefore);
    headsAfter = Set.copyOf(headsAfter);
  }
}
