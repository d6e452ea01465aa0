package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.InvalidGraphException;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The revisions of a project as a validated DAG, answering the questions Alembic's revision map
 * answers with Alembic 1.8's semantics: heads, bases, branch and merge points, target resolution
 * ({@code head}, {@code heads}, {@code base}, {@code +N}, {@code label@head}, prefixes, ...) and
 * the ordered steps of an upgrade or downgrade with the version-table rows after each step.
 *
 * <p>Instances are immutable and built once by {@link #of(List)}, which refuses an invalid graph
 * before anything runs. The order of the input list is the declaration order; it breaks ties
 * between independent branches exactly as the file order does in Alembic 1.8.
 */
public final class RevisionGraph {

  private final Dag dag;
  private final RevisionLookup lookup;
  private final PlanBuilder plans;
  private int[] history;

  private RevisionGraph(Dag dag) {
    this.dag = dag;
    this.lookup = new RevisionLookup(dag);
    this.plans = new PlanBuilder(lookup);
  }

  /** Computed on first use: most callers only need heads and a plan. */
  private synchronized int[] historyOrder() {
    if (history == null) {
      boolean[] all = new boolean[dag.size()];
      Arrays.fill(all, true);
      history = AlembicOrder.newestFirst(dag, all, lookup.realHeads);
    }
    return history;
  }

  /**
   * Validates the revisions and builds the graph.
   *
   * @param revisionsInDeclarationOrder the revisions, in the order their files are declared
   * @return the graph
   * @throws InvalidGraphException for a duplicate id, an unknown down revision or dependency, a
   *     cycle, a duplicate branch label or a label that is also a revision id; the message names
   *     the revisions and their origins
   */
  public static RevisionGraph of(List<RevisionInfo> revisionsInDeclarationOrder) {
    return new RevisionGraph(
        new Dag(GraphValidator.check(List.copyOf(revisionsInDeclarationOrder))));
  }

  /** All revisions, in declaration order. */
  public List<RevisionInfo> revisions() {
    return dag.infos;
  }

  /** The revisions nothing follows (not counting {@code depends_on}), in Alembic's order. */
  public List<String> heads() {
    return ids(lookup.heads);
  }

  /** The revisions with no down revision, in Alembic's order. */
  public List<String> bases() {
    return ids(lookup.bases);
  }

  /** Revisions that more than one revision follows, in declaration order. */
  public List<String> branchPoints() {
    return ids(Arrays.stream(historyOrder()).filter(r -> dag.next[r].length > 1).toArray());
  }

  /** Revisions with more than one down revision, in declaration order. */
  public List<String> mergePoints() {
    return ids(Arrays.stream(historyOrder()).filter(r -> dag.down[r].length > 1).toArray());
  }

  /** Branch labels mapped to the id of the revision that declares them, in declaration order. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    dag.labelOwner.forEach((label, owner) -> labels.put(label, dag.id(owner)));
    return Collections.unmodifiableMap(labels);
  }

  /**
   * Finds a revision by full id, unambiguous id prefix or branch label.
   *
   * @throws InvalidGraphException if nothing matches, or a prefix matches several revisions (the
   *     message lists them)
   */
  public RevisionInfo revision(String idOrPrefix) {
    return dag.infos.get(lookup.ident(idOrPrefix, null));
  }

  /** The revisions that directly follow {@code id} (its children), in declaration order. */
  public List<String> children(String id) {
    return ids(dag.next[lookup.ident(id, null)]);
  }

  /** Every revision, newest first, in the order of Alembic's {@code history} command. */
  public List<RevisionInfo> history() {
    return Arrays.stream(historyOrder()).mapToObj(dag.infos::get).toList();
  }

  /**
   * The revisions that must be applied before {@code idOrPrefix}, including its {@code depends_on},
   * not including itself.
   *
   * @throws InvalidGraphException if the revision cannot be resolved
   */
  public Set<String> ancestors(String idOrPrefix) {
    return related(idOrPrefix, dag.normDown);
  }

  /**
   * The revisions that need {@code idOrPrefix} applied first, not including itself.
   *
   * @throws InvalidGraphException if the revision cannot be resolved
   */
  public Set<String> descendants(String idOrPrefix) {
    return related(idOrPrefix, dag.allNext);
  }

  /**
   * Plans an upgrade from the version table's {@code currentHeads} to {@code target}: {@code head},
   * {@code heads}, {@code +N}, {@code label@head}, {@code rev@+N}, an id or prefix, or several of
   * them separated by spaces or commas.
   *
   * @return the steps, empty if the database is already at the target
   * @throws InvalidGraphException if the target is unknown, ambiguous, or {@code head} while there
   *     are several heads
   */
  public MigrationPlan upgrade(Set<String> currentHeads, String target) {
    return plans.upgrade(currentHeads, target);
  }

  /**
   * Plans a downgrade from {@code currentHeads} to {@code target}: {@code base}, {@code -N}, {@code
   * label@base}, {@code rev@-N}, an id or prefix. Downgrading below a revision on one branch only
   * removes that branch's revisions. A plain {@code -N} from several heads steps down the first of
   * {@code currentHeads} in iteration order, on its branch only, as Alembic 1.8 steps down the
   * first version-table row.
   *
   * @return the steps, empty if the database is already at the target
   * @throws InvalidGraphException if the target is unknown or ambiguous, or is not below the
   *     current heads
   */
  public MigrationPlan downgrade(Set<String> currentHeads, String target) {
    return plans.downgrade(currentHeads, target);
  }

  private List<String> ids(int[] indexes) {
    return Arrays.stream(indexes).mapToObj(dag::id).toList();
  }

  private Set<String> related(String idOrPrefix, int[][] edges) {
    int revision = lookup.ident(idOrPrefix, null);
    boolean[] reached = dag.closure(new int[] {revision}, edges);
    reached[revision] = false;
    Set<String> ids = new LinkedHashSet<>();
    for (int index : Dag.members(reached)) {
      ids.add(dag.id(index));
    }
    return Collections.unmodifiableSet(ids);
  }
}
