package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.InvalidGraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Builds upgrade and downgrade plans with Alembic 1.8's selection and order: an upgrade runs every
 * ancestor of the targets not yet applied, oldest first, in the reverse of {@link AlembicOrder}
 * from the targets; a downgrade reverts the applied descendants of the destination's children (only
 * those on the named branch, for {@code branch@...} and relative targets) newest first.
 */
final class PlanBuilder {

  private final Dag dag;
  private final RevisionLookup lookup;
  private final TargetParser parser;

  PlanBuilder(RevisionLookup lookup) {
    this.dag = lookup.dag;
    this.lookup = lookup;
    this.parser = new TargetParser(lookup);
  }

  MigrationPlan upgrade(Set<String> currentHeads, String target) {
    int[] current = current(currentHeads);
    int[] targets = parser.upgradeTargets(current, target);
    refuseOverlap(targets, "target '" + target + "'");
    boolean[] todo = dag.closure(targets, dag.normDown);
    boolean[] have = dag.closure(current, dag.normDown);
    for (int i = 0; i < todo.length; i++) {
      todo[i] &= !have[i];
    }
    int[] order = AlembicOrder.newestFirst(dag, todo, targets);
    HeadRows table = new HeadRows(dag, current);
    List<MigrationStep> steps = new ArrayList<>(order.length);
    for (int i = order.length - 1; i >= 0; i--) {
      steps.add(table.upgrade(order[i]));
    }
    return new MigrationPlan(steps);
  }

  MigrationPlan downgrade(Set<String> currentHeads, String target) {
    int[] current = current(currentHeads);
    TargetParser.DowngradeTarget destination = parser.downgradeTarget(current, target);
    int[] roots = roots(destination);
    boolean[] todo = dag.closure(roots, dag.allNext);
    boolean[] have = dag.closure(current, dag.normDown);
    boolean any = false;
    for (int i = 0; i < todo.length; i++) {
      todo[i] &= have[i];
      any |= todo[i];
    }
    int revision = destination.revision();
    if (revision != RevisionLookup.NONE
        && !any
        && Arrays.stream(current).noneMatch(c -> c == revision)) {
      throw new InvalidGraphException(
          "Destination "
              + dag.describe(revision)
              + " is not a valid downgrade target from current head(s) "
              + currentHeads
              + ": it is not below them");
    }
    HeadRows table = new HeadRows(dag, current);
    List<MigrationStep> steps = new ArrayList<>();
    for (int step : AlembicOrder.newestFirst(dag, todo, current)) {
      steps.add(table.downgrade(step));
    }
    return new MigrationPlan(steps);
  }

  private int[] roots(TargetParser.DowngradeTarget destination) {
    int[] roots =
        destination.revision() == RevisionLookup.NONE
            ? lookup.bases
            : dag.next[destination.revision()];
    if (destination.branch() == null || roots.length <= 1) {
      return roots;
    }
    boolean[] branchLine =
        dag.closure(new int[] {lookup.ident(destination.branch(), null)}, dag.down);
    int[] onBranch = Arrays.stream(roots).filter(r -> branchLine[r]).toArray();
    if (onBranch.length == 0) {
      throw new InvalidGraphException(
          "Not a valid downgrade target from current heads: no revision above the destination is"
              + " on branch '"
              + destination.branch()
              + "'");
    }
    return onBranch;
  }

  /** Resolves the version table's rows, which must be full revision ids. */
  private int[] current(Set<String> currentHeads) {
    int[] current = new int[currentHeads.size()];
    int at = 0;
    for (String id : currentHeads) {
      Integer index = dag.indexById.get(id);
      if (index == null) {
        throw new InvalidGraphException(
            "The version table names revision '"
                + id
                + "', which no revision file declares; restore its file or stamp the database");
      }
      current[at++] = index;
    }
    refuseOverlap(current, "version table " + currentHeads);
    return current;
  }

  /** Alembic refuses revisions of which one lies below another in a target or version table. */
  private void refuseOverlap(int[] revisions, String what) {
    if (revisions.length < 2) {
      return;
    }
    List<Integer> parents = new ArrayList<>();
    for (int revision : revisions) {
      Arrays.stream(dag.normDown[revision]).forEach(parents::add);
    }
    boolean[] below =
        dag.closure(parents.stream().mapToInt(Integer::intValue).toArray(), dag.normDown);
    for (int revision : revisions) {
      if (below[revision]) {
        throw new InvalidGraphException(
            "Requested revision "
                + dag.describe(revision)
                + " in "
                + what
                + " lies below another of "
                + dag.describe(revisions)
                + "; name only the highest");
      }
    }
  }
}
