package dev.plinth.db.migrate.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the version table (one row per applied head) through a plan, with the row changes
 * Alembic's {@code HeadMaintainer} makes: an upgrade replaces the rows of the revision's parents
 * (normalized, so a {@code depends_on} target is replaced like a merged branch) or inserts a new
 * row; a downgrade replaces the revision's row by those of its parents that no other row still
 * covers.
 */
final class HeadRows {

  private final Dag dag;
  private final Set<Integer> heads;
  private final boolean[] applied;
  private final int[] appliedChildren;
  private Set<String> rows;
  private final int[] stack;
  private final int[] visitMark;
  private int generation;

  HeadRows(Dag dag, int[] current) {
    this.dag = dag;
    this.heads = new LinkedHashSet<>();
    for (int head : current) {
      heads.add(head);
    }
    this.applied = dag.closure(current, dag.normDown);
    snapshot();
    this.appliedChildren = new int[dag.size()];
    for (int node : Dag.members(applied)) {
      for (int parent : dag.normDown[node]) {
        appliedChildren[parent]++;
      }
    }
    this.stack = new int[dag.size()];
    this.visitMark = new int[dag.size()];
  }

  /** Applies {@code revision} and returns the step with the rows before and after. */
  MigrationStep upgrade(int revision) {
    Set<String> before = rows;
    int[] parents = dag.normDown[revision];
    List<Integer> parentRows = new ArrayList<>();
    for (int parent : parents) {
      if (heads.contains(parent)) {
        parentRows.add(parent);
      }
    }
    if (parents.length > 1 && parentRows.size() > 1) {
      Set<Integer> parentSet = new LinkedHashSet<>(parentRows);
      for (int parent : parents) {
        parentSet.add(parent);
      }
      parentRows.removeIf(parent -> coveredByOtherRow(parent, parentSet));
    }
    heads.removeAll(parentRows);
    heads.add(revision);
    applied[revision] = true;
    for (int parent : parents) {
      appliedChildren[parent]++;
    }
    return new MigrationStep(dag.infos.get(revision), Direction.UPGRADE, before, snapshot());
  }

  /** Reverts {@code revision} and returns the step with the rows before and after. */
  MigrationStep downgrade(int revision) {
    Set<String> before = rows;
    applied[revision] = false;
    heads.remove(revision);
    List<Integer> uncovered = new ArrayList<>();
    for (int parent : dag.normDown[revision]) {
      appliedChildren[parent]--;
      if (!covered(parent, dag.normDown[revision].length)) {
        uncovered.add(parent);
      }
    }
    heads.addAll(uncovered);
    return new MigrationStep(dag.infos.get(revision), Direction.DOWNGRADE, before, snapshot());
  }

  /**
   * Whether {@code parent} of a reverted revision is still a row or below one. The rows are the
   * maximal applied revisions, so for a revision with one parent an applied child of that parent
   * proves it; parents of a merge may lie below one another and need the full walk.
   */
  private boolean covered(int parent, int parentCount) {
    if (parentCount == 1) {
      return heads.contains(parent) || appliedChildren[parent] > 0;
    }
    return coveredByOtherRow(parent, Set.of());
  }

  /** Whether {@code revision} is, or lies below, a row other than those in {@code ignored}. */
  private boolean coveredByOtherRow(int revision, Set<Integer> ignored) {
    generation++;
    int top = 0;
    stack[top++] = revision;
    visitMark[revision] = generation;
    while (top > 0) {
      int node = stack[--top];
      if (heads.contains(node) && !ignored.contains(node)) {
        return true;
      }
      for (int child : dag.normNext[node]) {
        if (applied[child] && visitMark[child] != generation) {
          visitMark[child] = generation;
          stack[top++] = child;
        }
      }
    }
    return false;
  }

  /** Copies the rows once per step; the next step's rows-before is the same immutable set. */
  private Set<String> snapshot() {
    String[] ids = new String[heads.size()];
    int at = 0;
    for (int head : heads) {
      ids[at++] = dag.id(head);
    }
    rows = Set.of(ids);
    return rows;
  }
}
