package dev.plinth.db.migrate;

import java.util.List;
import java.util.Set;

/**
 * What an upgrade, downgrade or stamp did.
 *
 * @param applied the revisions run, in order; empty when the database was already at the target or
 *     for a stamp
 * @param headsBefore the version table when the migrator took the lock
 * @param headsAfter the version table when it released it
 */
public record MigrationResult(
    List<AppliedRevision> applied, Set<String> headsBefore, Set<String> headsAfter) {

  /** Copies the collections. */
  public MigrationResult {
    applied = List.copyOf(applied);
    headsBefore = Set.copyOf(headsBefore);
    headsAfter = Set.copyOf(headsAfter);
  }

  /** The ids of the revisions run, in order. */
  public List<String> revisionIds() {
    return applied.stream().map(AppliedRevision::revision).toList();
  }
}
