package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.InvalidGraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves the names a user types into revisions, as Alembic 1.8 does: full ids, branch labels,
 * unambiguous prefixes (matched against ids and labels longer than three characters), {@code head},
 * {@code heads}, {@code base}, and {@code branch@name} limited to one branch's lineage.
 */
final class RevisionLookup {

  /** Alembic's {@code None}: below every base, or above every head when walking down. */
  static final int NONE = -1;

  final Dag dag;
  final int[] heads;
  final int[] realHeads;
  final int[] bases;

  RevisionLookup(Dag dag) {
    this.dag = dag;
    this.heads = select(dag, dag.next);
    this.realHeads = select(dag, dag.allNext);
    this.bases = select(dag, dag.down);
  }

  private static int[] select(Dag dag, int[][] emptyEdges) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < dag.size(); i++) {
      if (emptyEdges[i].length == 0) {
        found.add(i);
      }
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Resolves a name that may be a list element of an upgrade target: {@code heads}, {@code head},
   * {@code base} (nothing), an id, a prefix or a label, optionally after {@code branch@}.
   */
  int[] many(String name) {
    requireNamed(name);
    int at = name.indexOf('@');
    String branch = at < 0 ? null : name.substring(0, at);
    String symbol = at < 0 ? name : name.substring(at + 1);
    switch (symbol) {
      case "heads":
        return branch == null ? realHeads : filterForLineage(heads, branch);
      case "head":
        int head = currentHead(branch, name);
        return head == NONE ? new int[0] : new int[] {head};
      case "base":
        return new int[0];
      default:
        return new int[] {ident(symbol, branch)};
    }
  }

  /**
   * Resolves a name to at most one revision; {@link #NONE} for {@code base}.
   *
   * @throws InvalidGraphException if it names several revisions or none
   */
  int single(String branch, String symbol) {
    String shown = branch == null ? symbol : branch + "@" + symbol;
    int[] found = many(shown);
    if (found.length > 1) {
      throw multipleHeads(shown, found);
    }
    return found.length == 0 ? NONE : found[0];
  }

  /** The one head on {@code branch} (or overall), {@link #NONE} if there is none. */
  int currentHead(String branch, String argument) {
    int[] candidates = branch == null ? heads : filterForLineage(heads, branch);
    if (candidates.length > 1) {
      throw multipleHeads(argument, candidates);
    }
    return candidates.length == 0 ? NONE : candidates[0];
  }

  InvalidGraphException multipleHeads(String argument, int[] found) {
    return new InvalidGraphException(
        "Multiple head revisions are present for given argument '"
            + argument
            + "' ("
            + dag.describe(found)
            + "); please specify a specific target revision, '<branchname>@"
            + argument.substring(argument.indexOf('@') + 1)
            + "' to narrow to a specific head, or 'heads' for all heads; "
            + "to join them into one head, run `plinth-migrate merge`");
  }

  /**
   * Finds one revision by id, label or prefix, checking it belongs to {@code branch} if given.
   *
   * @throws InvalidGraphException if nothing or several revisions match, or the revision is not on
   *     the branch
   */
  int ident(String name, String branch) {
    requireNamed(name);
    int branchRevision = branch == null ? NONE : resolveBranch(branch);
    Integer exact = exact(name);
    int found;
    if (exact != null) {
      found = exact;
    } else {
      found = byPrefix(name, branch);
    }
    if (branchRevision != NONE && !lineage(found)[branchRevision]) {
      throw new InvalidGraphException(
          "Revision " + dag.describe(found) + " is not a member of branch '" + branch + "'");
    }
    return found;
  }

  /**
   * Refuses an empty or blank name: an unset variable must never mean {@code base}, which would
   * downgrade every revision or empty the version table.
   *
   * @throws InvalidGraphException if {@code name} is empty or blank
   */
  static String requireNamed(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidGraphException(
          "empty target '"
              + (name == null ? "" : name)
              + "': name a revision, heads, or base (base must be written out)");
    }
    return name;
  }

  private Integer exact(String name) {
    Integer index = dag.indexById.get(name);
    return index != null ? index : dag.labelOwner.get(name);
  }

  private int resolveBranch(String branch) {
    Integer exact = exact(branch);
    if (exact != null) {
      return exact;
    }
    try {
      return byPrefix(branch, null);
    } catch (InvalidGraphException e) {
      throw new InvalidGraphException("No such branch: '" + branch + "'; " + e.getMessage());
    }
  }

  private int byPrefix(String prefix, String branch) {
    List<String> keys = new ArrayList<>();
    List<Integer> revisions = new ArrayList<>();
    for (int i = 0; i < dag.size(); i++) {
      addIfPrefix(prefix, dag.id(i), i, keys, revisions);
    }
    dag.labelOwner.forEach((label, owner) -> addIfPrefix(prefix, label, owner, keys, revisions));
    if (branch != null) {
      boolean[] onBranch = lineage(resolveBranch(branch));
      for (int i = revisions.size() - 1; i >= 0; i--) {
        if (!onBranch[revisions.get(i)]) {
          keys.remove(i);
          revisions.remove(i);
        }
      }
    }
    if (revisions.isEmpty()) {
      throw new InvalidGraphException(
          "Can't locate revision identified by '"
              + prefix
              + "': no revision id, id prefix or branch label matches it"
              + (prefix.length() < 4 ? " (prefixes need at least four characters)" : ""));
    }
    if (revisions.size() > 1) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        names.add("'" + keys.get(i) + "' (" + dag.infos.get(revisions.get(i)).origin() + ")");
      }
      throw new InvalidGraphException(
          "Multiple revisions start with '"
              + prefix
              + "': "
              + String.join(", ", names)
              + "; give more characters of the id");
    }
    return revisions.get(0);
  }

  private static void addIfPrefix(
      String prefix, String key, int revision, List<String> keys, List<Integer> revisions) {
    if (key.length() > 3 && key.startsWith(prefix)) {
      keys.add(key);
      revisions.add(revision);
    }
  }

  /** Revisions on the same line as {@code revision}: its versioned ancestors and descendants. */
  boolean[] lineage(int revision) {
    boolean[] up = dag.closure(new int[] {revision}, dag.next);
    boolean[] down = dag.closure(new int[] {revision}, dag.down);
    for (int i = 0; i < up.length; i++) {
      up[i] |= down[i];
    }
    return up;
  }

  /** The {@code targets} that share a lineage with the revision or label {@code against}. */
  int[] filterForLineage(int[] targets, String against) {
    boolean[] line = lineage(ident(against, null));
    return Arrays.stream(targets).filter(t -> line[t]).toArray();
  }
}
