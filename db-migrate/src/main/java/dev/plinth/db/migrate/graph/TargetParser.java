package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.InvalidGraphException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an upgrade or downgrade target into revisions, with Alembic 1.8's rules: absolute names go
 * through {@link RevisionLookup}; relative ones ({@code +N}, {@code -N}, {@code branch@+N}, {@code
 * rev+N}, {@code branch@rev-N}) walk the versioned edges one step at a time and fail when a step is
 * ambiguous or leaves the graph. A downgrade {@code -N} from several current heads steps down the
 * first of them (in the order given, the version table's sorted order) on its own branch only, as
 * Alembic 1.8 steps down the first row it reads, with a warning.
 */
final class TargetParser {

  private static final Logger LOG = LoggerFactory.getLogger(TargetParser.class);

  /**
   * Alembic's {@code _relative_destination}, matched at the start only as {@code re.match} does.
   */
  private static final Pattern RELATIVE = Pattern.compile("(?:(.+?)@)?(\\w+)?((?:\\+|-)\\d+)");

  /** Where a walk down past a base ends (Alembic's {@code "base"}). */
  static final int BELOW_BASE = -2;

  private static final int OFF_GRAPH = -3;

  private final RevisionLookup lookup;
  private final Dag dag;

  TargetParser(RevisionLookup lookup) {
    this.lookup = lookup;
    this.dag = lookup.dag;
  }

  /**
   * A downgrade destination: the branch it is limited to, and the revision ({@code NONE} = base).
   */
  record DowngradeTarget(String branch, int revision) {}

  /**
   * The revisions an upgrade must reach.
   *
   * @throws InvalidGraphException if the target cannot be resolved
   */
  int[] upgradeTargets(int[] current, String target) {
    RevisionLookup.requireNamed(target);
    String[] parts = target.trim().split("[\\s,]+");
    if (parts.length > 1) {
      return Arrays.stream(parts).flatMapToInt(part -> IntStream.of(absolute(part))).toArray();
    }
    Matcher m = RELATIVE.matcher(target);
    if (!m.lookingAt()) {
      return lookup.many(target);
    }
    String branch = m.group(1);
    String symbol = m.group(2);
    int steps = Integer.parseInt(m.group(3));
    int reached;
    if (steps > 0) {
      int start =
          symbol == null ? upgradeStart(current, branch, target) : lookup.single(null, symbol);
      reached = walk(start, steps, branch, target);
    } else {
      if (symbol == null) {
        throw new InvalidGraphException(
            "Relative upgrade target '" + target + "' points down; use downgrade for that");
      }
      reached = walk(lookup.single(branch, symbol), steps, null, target);
    }
    if (reached < 0) {
      throw tooFar(target);
    }
    return new int[] {reached};
  }

  private int[] absolute(String part) {
    if (RELATIVE.matcher(part).lookingAt()) {
      throw new InvalidGraphException(
          "Relative target '" + part + "' cannot be combined with other targets");
    }
    return lookup.many(part);
  }

  private int upgradeStart(int[] current, String branch, String target) {
    int[] starts = current.length == 0 ? new int[] {RevisionLookup.NONE} : current;
    if (branch != null) {
      starts = lookup.filterForLineage(current, branch);
      if (starts.length == 0) {
        starts = tipsOnBranch(current, branch);
      }
    }
    if (starts.length > 1) {
      throw severalCurrent(target, starts);
    }
    return starts[0];
  }

  /** The highest applied revisions on {@code branch}, or {@code NONE} when none is applied. */
  private int[] tipsOnBranch(int[] current, String branch) {
    int[] active = lookup.filterForLineage(Dag.members(dag.closure(current, dag.normDown)), branch);
    boolean[] below = new boolean[dag.size()];
    for (int revision : active) {
      for (int parent : dag.normDown[revision]) {
        below[parent] = true;
      }
    }
    int[] tips = Arrays.stream(active).filter(r -> !below[r]).toArray();
    return tips.length == 0 ? new int[] {RevisionLookup.NONE} : tips;
  }

  /**
   * Parses a downgrade destination.
   *
   * @throws InvalidGraphException if it cannot be resolved or walks off the graph
   */
  DowngradeTarget downgradeTarget(int[] current, String target) {
    RevisionLookup.requireNamed(target);
    Matcher m = RELATIVE.matcher(target);
    if (!m.lookingAt()) {
      int at = target.lastIndexOf('@');
      String branch = at <= 0 ? null : target.substring(0, at);
      return new DowngradeTarget(branch, lookup.single(null, target.substring(at + 1)));
    }
    String branch = m.group(1);
    String symbol = m.group(2);
    int steps = Integer.parseInt(m.group(3));
    int reached;
    if (steps >= 0) {
      if (symbol == null) {
        throw new InvalidGraphException(
            "Relative downgrade target '" + target + "' points up; use upgrade for that");
      }
      reached = walk(lookup.single(null, symbol), steps, branch, target);
    } else {
      int start;
      if (symbol == null) {
        start = downgradeStart(current, branch, target);
        branch = branch == null ? dag.id(start) : branch;
      } else {
        start = lookup.single(branch, symbol);
      }
      reached = walk(start, steps, null, target);
    }
    if (reached == OFF_GRAPH) {
      throw tooFar(target);
    }
    return new DowngradeTarget(branch, reached == BELOW_BASE ? RevisionLookup.NONE : reached);
  }

  private int downgradeStart(int[] current, String branch, String target) {
    if (branch == null) {
      return firstCurrent(current, target);
    }
    int[] candidates = lookup.filterForLineage(current, branch);
    if (candidates.length == 0) {
      candidates = lookup.filterForLineage(branchHeadsOfApplied(current), branch);
    }
    if (candidates.length == 0) {
      throw tooFar(target);
    }
    if (candidates.length > 1) {
      throw severalCurrent(target, candidates);
    }
    return candidates[0];
  }

  /**
   * The head a plain {@code -N} steps down from: the only one, or the first of several, as Alembic
   * 1.8 takes the first version-table row (and warns that this is ambiguous).
   */
  private int firstCurrent(int[] current, String target) {
    if (current.length == 0) {
      throw tooFar(target);
    }
    int first = current[0];
    if (current.length > 1) {
      LOG.warn(
          "downgrade {} from several heads ({}) steps down only the first, {}, as Alembic 1.8"
              + " does; write '<head>@{}' to choose the head",
          target,
          dag.describe(current),
          dag.id(first),
          target);
    }
    return first;
  }

  /** Applied revisions with no applied versioned child: Alembic's {@code _get_all_current}. */
  private int[] branchHeadsOfApplied(int[] current) {
    boolean[] applied = dag.closure(current, dag.normDown);
    List<Integer> tips = new ArrayList<>();
    for (int revision : Dag.members(applied)) {
      if (Arrays.stream(dag.next[revision]).noneMatch(child -> applied[child])) {
        tips.add(revision);
      }
    }
    return tips.stream().mapToInt(Integer::intValue).toArray();
  }

  private int walk(int start, int steps, String branch, String target) {
    int at = start;
    for (int i = 0; i < Math.abs(steps); i++) {
      int[] options;
      if (steps > 0) {
        options = at == RevisionLookup.NONE ? lookup.bases : dag.next[at];
        options = branch == null ? options : lookup.filterForLineage(options, branch);
      } else if (at == BELOW_BASE) {
        options = new int[0];
      } else {
        options = at == RevisionLookup.NONE ? lookup.heads : dag.down[at];
        options = options.length == 0 ? new int[] {BELOW_BASE} : options;
      }
      if (options.length == 0) {
        return OFF_GRAPH;
      }
      if (options.length > 1) {
        throw new InvalidGraphException(
            "Relative target '"
                + target
                + "' is ambiguous: the walk can continue to "
                + dag.describe(options)
                + "; name a revision or a branch instead");
      }
      at = options[0];
    }
    return at;
  }

  private InvalidGraphException severalCurrent(String target, int[] current) {
    return new InvalidGraphException(
        "Relative target '"
            + target
            + "' is ambiguous: the database has several current revisions ("
            + dag.describe(current)
            + "); use '<branchname>@"
            + target
            + "' or name a revision");
  }

  private static InvalidGraphException tooFar(String target) {
    return new InvalidGraphException(
        "Relative target '" + target + "' walks past the end of the revision graph");
  }
}
