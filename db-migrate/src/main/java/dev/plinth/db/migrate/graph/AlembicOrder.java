package dev.plinth.db.migrate.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Orders a set of revisions newest first exactly as Alembic 1.8's {@code _topological_sort}: keep
 * one cursor per branch being walked down, starting from the given heads in declaration order; emit
 * the current cursor's revision unless another cursor still sits above it (then move to the first
 * such cursor); replace an emitted revision by its unvisited parents.
 *
 * <p>Alembic scans the ancestor sets of all cursors at every step. A cursor can only sit above a
 * revision that still has an unemitted child in the set, so here the scan only runs when such a
 * child exists, over bit sets computed once per cursor and trimmed as the cursor walks down.
 */
final class AlembicOrder {

  private final Dag dag;
  private final boolean[] todo;
  private final int[] pendingChildren;
  private final boolean[] isCursor;
  private final List<Integer> cursors = new ArrayList<>();
  private final List<BitSet> ancestors = new ArrayList<>();
  private final int[] stack;

  private AlembicOrder(Dag dag, boolean[] todo) {
    this.dag = dag;
    this.todo = todo.clone();
    this.pendingChildren = new int[dag.size()];
    this.isCursor = new boolean[dag.size()];
    this.stack = new int[dag.size()];
    for (int node = 0; node < dag.size(); node++) {
      if (todo[node]) {
        for (int parent : dag.normDown[node]) {
          pendingChildren[parent]++;
        }
      }
    }
  }

  /**
   * Sorts {@code todo} newest first.
   *
   * @param todo the revisions to order; every one must lie below one of {@code heads}
   * @param heads where the walk starts; only those in {@code todo} count
   * @return the revision indexes, each after all its descendants in the set
   */
  static int[] newestFirst(Dag dag, boolean[] todo, int[] heads) {
    return new AlembicOrder(dag, todo).run(heads);
  }

  private int[] run(int[] heads) {
    for (int head : Arrays.stream(heads).sorted().distinct().toArray()) {
      if (todo[head]) {
        addCursor(head);
      }
    }
    int[] output = new int[Dag.members(todo).length];
    int emitted = 0;
    int index = 0;
    while (!cursors.isEmpty()) {
      int candidate = cursors.get(index);
      int above = pendingChildren[candidate] == 0 ? -1 : firstCursorAbove(candidate, index);
      if (above >= 0) {
        index = above;
        continue;
      }
      output[emitted++] = candidate;
      emit(candidate);
      index = advance(index, candidate);
    }
    return output;
  }

  private void emit(int candidate) {
    todo[candidate] = false;
    for (int parent : dag.normDown[candidate]) {
      pendingChildren[parent]--;
    }
  }

  private int advance(int index, int candidate) {
    List<Integer> added = new ArrayList<>();
    for (int parent : dag.normDown[candidate]) {
      if (todo[parent] && !isCursor[parent]) {
        added.add(parent);
      }
    }
    isCursor[candidate] = false;
    if (added.isEmpty()) {
      cursors.remove(index);
      ancestors.remove(index);
      return Math.max(index - 1, 0);
    }
    cursors.set(index, added.get(0));
    isCursor[added.get(0)] = true;
    boolean plainLine = dag.normDown[candidate].length == 1;
    if (plainLine && ancestors.get(index) != null) {
      ancestors.get(index).clear(candidate);
    } else {
      ancestors.set(index, null);
    }
    for (int parent : added.subList(1, added.size())) {
      addCursor(parent);
    }
    return index;
  }

  private void addCursor(int node) {
    cursors.add(node);
    ancestors.add(null);
    isCursor[node] = true;
  }

  /**
   * The position of the first cursor (other than {@code index}) whose ancestors include {@code
   * node}, or -1. Ancestor sets are computed on first use and kept while a cursor walks down a
   * plain line, as Alembic keeps them.
   */
  private int firstCursorAbove(int node, int index) {
    for (int j = 0; j < cursors.size(); j++) {
      if (j == index) {
        continue;
      }
      if (ancestors.get(j) == null) {
        ancestors.set(j, ancestorsOf(cursors.get(j)));
      }
      if (ancestors.get(j).get(node)) {
        return j;
      }
    }
    return -1;
  }

  /** The revision and everything below it along normalized edges. */
  private BitSet ancestorsOf(int revision) {
    BitSet seen = new BitSet(dag.size());
    int top = 0;
    seen.set(revision);
    stack[top++] = revision;
    while (top > 0) {
      for (int parent : dag.normDown[stack[--top]]) {
        if (!seen.get(parent)) {
          seen.set(parent);
          stack[top++] = parent;
        }
      }
    }
    return seen;
  }
}
