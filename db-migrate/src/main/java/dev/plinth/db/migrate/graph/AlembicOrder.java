package dev.plinth.db.migrate.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Orders a set of revisions newest first exactly as Alembic 1.8's {@code _topological_sort}: keep
 * one cursor per branch being walked down, starting from the given heads in declaration order; emit
 * the current cursor's revision unless another cursor still sits above it (then move to the first
 * such cursor); replace an emitted revision by its unvisited parents.
 *
 * <p>Alembic keeps the full ancestor set of every cursor and scans them all at every step. Here a
 * cursor sits above a revision exactly when that revision still has an unemitted child in the set,
 * so the scan only runs, as a walk over the unemitted descendants, when such a child exists.
 */
final class AlembicOrder {

  private final Dag dag;
  private final boolean[] todo;
  private final int[] pendingChildren;
  private final boolean[] isCursor;
  private final List<Integer> cursors = new ArrayList<>();
  private final int[] stack;
  private final int[] visitMark;
  private int generation;

  private AlembicOrder(Dag dag, boolean[] todo) {
    this.dag = dag;
    this.todo = todo.clone();
    this.pendingChildren = new int[dag.size()];
    this.isCursor = new boolean[dag.size()];
    this.stack = new int[dag.size()];
    this.visitMark = new int[dag.size()];
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
      int above = pendingChildren[candidate] == 0 ? -1 : firstCursorAbove(candidate);
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
      return Math.max(index - 1, 0);
    }
    cursors.set(index, added.get(0));
    isCursor[added.get(0)] = true;
    for (int parent : added.subList(1, added.size())) {
      addCursor(parent);
    }
    return index;
  }

  private void addCursor(int node) {
    cursors.add(node);
    isCursor[node] = true;
  }

  /** The position of the first cursor that descends from {@code node}, or -1. */
  private int firstCursorAbove(int node) {
    int best = -1;
    int top = 0;
    stack[top++] = node;
    visitMark[node] = ++generation;
    while (top > 0) {
      int current = stack[--top];
      for (int child : dag.normNext[current]) {
        if (todo[child] && visitMark[child] != generation) {
          visitMark[child] = generation;
          stack[top++] = child;
          if (isCursor[child]) {
            int position = cursors.indexOf(child);
            best = best < 0 ? position : Math.min(best, position);
          }
        }
      }
    }
    return best;
  }
}
