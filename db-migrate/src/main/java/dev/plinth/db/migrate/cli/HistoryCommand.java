package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code history [-r FROM:TO]}: every revision, newest first, as {@code alembic history}. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Print the revisions newest first, as alembic history: 'down -> id (markers), message'.",
      "-r FROM:TO limits it to TO and what it needs, down to FROM (either end may be omitted;"
          + " base and heads allowed). Reads the revision files only.",
      "With --format json: {\"revisions\": [ids]}, newest first."
    })
final class HistoryCommand extends MigrateCommand {

  @Option(
      names = {"-r", "--rev-range"},
      paramLabel = "FROM:TO",
      description = "Only revisions from FROM (inclusive) up to TO (inclusive).")
  String range;

  @Override
  protected int run() {
    RevisionGraph graph = project().graph();
    List<RevisionInfo> shown = graph.history();
    if (range != null) {
      Set<String> selected = selected(graph);
      shown = shown.stream().filter(r -> selected.contains(r.id())).toList();
    }
    if (json()) {
      printIds(shown.stream().map(RevisionInfo::id).toList());
    } else {
      shown.forEach(r -> out().println(Describe.historyLine(graph, r)));
    }
    return ExitCodes.OK;
  }

  private Set<String> selected(RevisionGraph graph) {
    int colon = range.indexOf(':');
    if (colon < 0) {
      throw new UsageException("-r needs FROM:TO (e.g. -r ab12:heads or -r :cd34)");
    }
    String from = range.substring(0, colon).trim();
    String to = range.substring(colon + 1).trim();
    Set<String> selected = new HashSet<>();
    graph.revisions().forEach(r -> selected.add(r.id()));
    if (!to.isEmpty() && !to.equals("heads") && !to.equals("head")) {
      String id = graph.revision(to).id();
      selected.retainAll(with(graph.ancestors(id), id));
    }
    if (!from.isEmpty() && !from.equals("base")) {
      String id = graph.revision(from).id();
      selected.retainAll(with(graph.descendants(id), id));
    }
    return selected;
  }

  private static Set<String> with(Set<String> ids, String id) {
    Set<String> all = new HashSet<>(ids);
    all.add(id);
    return all;
  }
}
