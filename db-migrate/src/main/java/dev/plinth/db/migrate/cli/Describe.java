package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;

/** One-line descriptions of revisions, in the style of Alembic's listings. */
final class Describe {

  private Describe() {}

  /**
   * {@code id (labels) (head|base|mergepoint|branchpoint)} for a revision of the graph, or the bare
   * id of one the graph does not know (a version-table row from another project).
   */
  static String line(RevisionGraph graph, String id) {
    if (graph.revisions().stream().noneMatch(r -> r.id().equals(id))) {
      return id + " (unknown revision)";
    }
    RevisionInfo info = graph.revision(id);
    StringBuilder s = new StringBuilder(id);
    if (!info.branchLabels().isEmpty()) {
      s.append(" (").append(String.join(", ", info.branchLabels())).append(')');
    }
    s.append(markers(graph, info));
    return s.toString();
  }

  /**
   * {@code down -> id (markers), message} as one line of {@code alembic history}; a merge lists its
   * down revisions in parentheses.
   */
  static String historyLine(RevisionGraph graph, RevisionInfo info) {
    String down =
        info.downRevisions().isEmpty()
            ? "<base>"
            : info.isMerge()
                ? "(" + String.join(", ", info.downRevisions()) + ")"
                : info.downRevisions().get(0);
    return down + " -> " + line(graph, info.id()) + ", " + info.message();
  }

  private static String markers(RevisionGraph graph, RevisionInfo info) {
    StringBuilder s = new StringBuilder();
    if (graph.heads().contains(info.id())) {
      s.append(" (head)");
    }
    if (info.isMerge()) {
      s.append(" (mergepoint)");
    }
    if (graph.children(info.id()).size() > 1) {
      s.append(" (branchpoint)");
    }
    return s.toString();
  }
}
