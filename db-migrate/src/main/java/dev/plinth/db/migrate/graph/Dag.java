package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.RevisionInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated graph as integer arrays (index = declaration position), with the three edge sets
 * Alembic distinguishes: versioned edges ({@code down_revision} only), all edges (plus every {@code
 * depends_on}) and normalized edges (plus only those dependencies that no versioned ancestor
 * already depends on). Every traversal works on these arrays, so no query is quadratic.
 */
final class Dag {

  final List<RevisionInfo> infos;
  final Map<String, Integer> indexById;
  final Map<String, Integer> labelOwner;
  final int[][] down;
  final int[][] normDown;
  final int[][] allDown;
  final int[][] next;
  final int[][] normNext;
  final int[][] allNext;
  private final GraphValidator validator;

  Dag(GraphValidator validator) {
    this.validator = validator;
    this.infos = validator.infos();
    this.indexById = validator.indexById();
    this.labelOwner = validator.labelOwner();
    int n = infos.size();
    this.down = new int[n][];
    int[][] deps = new int[n][];
    for (int i = 0; i < n; i++) {
      down[i] = infos.get(i).downRevisions().stream().mapToInt(indexById::get).toArray();
      deps[i] = distinct(infos.get(i).dependsOn().stream().mapToInt(validator::resolveDependency));
    }
    this.allDown = new int[n][];
    this.normDown = new int[n][];
    for (int i = 0; i < n; i++) {
      allDown[i] = concat(down[i], deps[i]);
      normDown[i] = concat(down[i], normalizedDependencies(i, deps));
    }
    this.next = invert(down);
    this.normNext = invert(normDown);
    this.allNext = invert(allDown);
  }

  int size() {
    return infos.size();
  }

  String id(int index) {
    return infos.get(index).id();
  }

  /** The revision's id with its origin, as every message names it. */
  String describe(int index) {
    return validator.describe(index);
  }

  /** Describes several revisions, comma-separated. */
  String describe(int[] indexes) {
    List<String> names = new ArrayList<>();
    for (int index : indexes) {
      names.add(describe(index));
    }
    return String.join(", ", names);
  }

  /** Every node reachable from {@code starts} along {@code edges}, the starts included. */
  boolean[] closure(int[] starts, int[][] edges) {
    boolean[] seen = new boolean[size()];
    int[] stack = new int[size()];
    int top = 0;
    for (int start : starts) {
      if (!seen[start]) {
        seen[start] = true;
        stack[top++] = start;
      }
    }
    while (top > 0) {
      int node = stack[--top];
      for (int other : edges[node]) {
        if (!seen[other]) {
          seen[other] = true;
          stack[top++] = other;
        }
      }
    }
    return seen;
  }

  /** Indexes of the revisions marked in {@code set}, in declaration order. */
  static int[] members(boolean[] set) {
    int count = 0;
    for (boolean member : set) {
      count += member ? 1 : 0;
    }
    int[] result = new int[count];
    int at = 0;
    for (int i = 0; i < set.length; i++) {
      if (set[i]) {
        result[at++] = i;
      }
    }
    return result;
  }

  private int[] normalizedDependencies(int index, int[][] deps) {
    if (deps[index].length == 0) {
      return deps[index];
    }
    Set<Integer> kept = new LinkedHashSet<>();
    Arrays.stream(deps[index]).forEach(kept::add);
    boolean[] ancestors = closure(down[index], down);
    for (int i = 0; i < ancestors.length; i++) {
      if (ancestors[i]) {
        Arrays.stream(deps[i]).forEach(kept::remove);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] concat(int[] first, int[] second) {
    int[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return distinct(Arrays.stream(joined));
  }

  private static int[] distinct(java.util.stream.IntStream values) {
    return values.distinct().toArray();
  }

  private static int[][] invert(int[][] edges) {
    int[] counts = new int[edges.length];
    for (int[] targets : edges) {
      for (int target : targets) {
        counts[target]++;
      }
    }
    int[][] inverted = new int[edges.length][];
    for (int i = 0; i < edges.length; i++) {
      inverted[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (int source = 0; source < edges.length; source++) {
      for (int target : edges[source]) {
        inverted[target][counts[target]++] = source;
      }
    }
    return inverted;
  }
}
