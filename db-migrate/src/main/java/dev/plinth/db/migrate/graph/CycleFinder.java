package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.InvalidGraphException;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds a cycle through down revisions and {@code depends_on} with an iterative depth-first search,
 * so that a deep chain cannot overflow the stack, and reports it revision by revision.
 */
final class CycleFinder {

  private static final int NEW = 0;
  private static final int ON_PATH = 1;
  private static final int DONE = 2;

  private final GraphValidator graph;
  private final int[][] parents;

  CycleFinder(GraphValidator graph) {
    this.graph = graph;
    List<RevisionInfo> infos = graph.infos();
    this.parents = new int[infos.size()][];
    for (int i = 0; i < infos.size(); i++) {
      RevisionInfo info = infos.get(i);
      List<Integer> all = new ArrayList<>();
      info.downRevisions().forEach(d -> all.add(graph.indexById().get(d)));
      info.dependsOn().forEach(d -> all.add(graph.resolveDependency(d)));
      parents[i] = all.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /**
   * Throws if the revisions contain a cycle.
   *
   * @throws InvalidGraphException naming the revisions of one cycle in order
   */
  void check() {
    int[] state = new int[parents.length];
    int[] nextEdge = new int[parents.length];
    Deque<Integer> path = new ArrayDeque<>();
    for (int start = 0; start < parents.length; start++) {
      if (state[start] != NEW) {
        continue;
      }
      path.push(start);
      state[start] = ON_PATH;
      while (!path.isEmpty()) {
        int node = path.peek();
        if (nextEdge[node] == parents[node].length) {
          state[node] = DONE;
          path.pop();
          continue;
        }
        int parent = parents[node][nextEdge[node]++];
        if (state[parent] == ON_PATH) {
          throw cycle(path, parent);
        }
        if (state[parent] == NEW) {
          state[parent] = ON_PATH;
          path.push(parent);
        }
      }
    }
  }

  private InvalidGraphException cycle(Deque<Integer> path, int repeated) {
    List<String> names = new ArrayList<>();
    for (int node : path) {
      names.add(0, graph.describe(node));
      if (node == repeated) {
        break;
      }
    }
    names.add(graph.describe(repeated));
    return new InvalidGraphException(
        "Revisions form a cycle (each follows the next through down_revision or depends_on): "
            + String.join(" -> ", names)
            + "; break it by correcting one of these down revisions");
  }
}
