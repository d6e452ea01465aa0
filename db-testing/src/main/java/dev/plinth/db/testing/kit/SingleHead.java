package dev.plinth.db.testing.kit;

import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rule that a service's revision graph has one head, as pytest-alembic's {@code
 * test_single_head_revision}: two heads mean two branches of work were merged into the code but not
 * into the graph, and {@code upgrade head} refuses to run. The failure names every head and the
 * {@code plinth-migrate merge} command that joins them.
 */
public final class SingleHead {
  private SingleHead() {}

  /**
   * Checks that {@code graph} has exactly one head.
   *
   * @param graph the service's revision graph ({@link dev.plinth.db.migrate.Migrator#graph()})
   * @param locations the migration locations, for the merge command; empty when unknown
   * @throws AssertionError naming every head and the merge command
   */
  public static void verify(RevisionGraph graph, List<String> locations) {
    List<String> heads = graph.heads();
    if (heads.size() <= 1) {
      return;
    }
    throw KitFailure.verdict(
            "the revision graph has " + heads.size() + " heads, " + String.join(", ", heads))
        .block("heads", heads.stream().map(graph::revision).map(SingleHead::describe).toList())
        .next(
            "join them with a merge revision: "
                + mergeCommand(heads, locations)
                + " (or rebase one branch onto the other's head)")
        .toError();
  }

  /**
   * The command that writes a revision joining {@code heads}. Merge writes into a directory, so a
   * {@code classpath:} location is given as its Maven source directory.
   */
  static String mergeCommand(List<String> heads, List<String> locations) {
    String where =
        locations.isEmpty()
            ? "filesystem:<your migrations directory>"
            : locations.stream()
                .map(l -> l.replaceFirst("^classpath:/?", "filesystem:src/main/resources/"))
                .collect(Collectors.joining(","));
    return "plinth-migrate --locations "
        + where
        + " merge -m \"merge heads "
        + String.join(" and ", heads)
        + "\" "
        + String.join(" ", heads);
  }

  private static String describe(RevisionInfo head) {
    return RevisionSteps.describe(head)
        + (head.downRevisions().isEmpty() ? ", a base" : ", after " + head.downRevisions());
  }
}
