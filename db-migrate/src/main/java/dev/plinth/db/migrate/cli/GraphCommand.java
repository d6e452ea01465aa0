package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code graph}: the revision DAG as Graphviz DOT or Mermaid. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Print the revision graph: --format dot (default; render with"
          + " `dot -Tsvg`) or --format mermaid. Solid edges go from a revision to the ones that"
          + " follow it; dashed edges are depends_on. Reads the revision files only."
    })
final class GraphCommand extends MigrateCommand {

  @Override
  protected int run() {
    RevisionGraph graph = project().graph();
    Main.Format format = main.format == null ? Main.Format.dot : main.format;
    List<String> lines =
        switch (format) {
          case dot -> dot(graph);
          case mermaid -> mermaid(graph);
          default ->
              throw new UsageException(
                  "--format " + format + " is not supported by graph: use dot or mermaid");
        };
    lines.forEach(out()::println);
    return ExitCodes.OK;
  }

  private static List<String> dot(RevisionGraph graph) {
    List<String> lines = new ArrayList<>();
    lines.add("digraph revisions {");
    lines.add("  rankdir=BT;");
    lines.add("  node [shape=box, fontname=\"monospace\"];");
    for (RevisionInfo r : graph.revisions()) {
      String label = dotEscape(r.id() + markers(graph, r)) + "\\n" + dotEscape(r.message());
      lines.add("  " + dotId(r.id()) + " [label=\"" + label + "\"];");
    }
    for (RevisionInfo r : graph.revisions()) {
      r.downRevisions().forEach(d -> lines.add("  " + dotId(r.id()) + " -> " + dotId(d) + ";"));
      r.dependsOn()
          .forEach(d -> lines.add("  " + dotId(r.id()) + " -> " + dotId(d) + " [style=dashed];"));
    }
    lines.add("}");
    return lines;
  }

  private static List<String> mermaid(RevisionGraph graph) {
    List<String> lines = new ArrayList<>();
    lines.add("flowchart BT");
    for (RevisionInfo r : graph.revisions()) {
      String label = r.id() + markers(graph, r) + ": " + r.message();
      lines.add("  " + mermaidId(r.id()) + "[\"" + label.replace("\"", "#quot;") + "\"]");
    }
    for (RevisionInfo r : graph.revisions()) {
      r.downRevisions().forEach(d -> lines.add("  " + mermaidId(r.id()) + " --> " + mermaidId(d)));
      r.dependsOn().forEach(d -> lines.add("  " + mermaidId(r.id()) + " -.-> " + mermaidId(d)));
    }
    return lines;
  }

  private static String markers(RevisionGraph graph, RevisionInfo r) {
    String labels =
        r.branchLabels().isEmpty() ? "" : " (" + String.join(", ", r.branchLabels()) + ")";
    return labels + (graph.heads().contains(r.id()) ? " (head)" : "");
  }

  private static String dotId(String id) {
    return "\"" + id + "\"";
  }

  private static String dotEscape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Mermaid reserves words such as {@code end}, so node ids get a prefix. */
  private static String mermaidId(String id) {
    return "r_" + id;
  }
}
