package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.graph.RevisionGraph;
import picocli.CommandLine.Command;

/** {@code branches}: the branch points of the graph, as {@code alembic branches}. */
@Command(
    name = "branches",
    mixinStandardHelpOptions = true,
    description = {
      "Print the branch points: revisions that more than one revision follows, each with the"
          + " revisions that follow it.",
      "Reads the revision files only. With --format json: {\"branch_points\": [ids]}."
    })
final class BranchesCommand extends MigrateCommand {

  @Override
  protected int run() {
    RevisionGraph graph = project().graph();
    if (json()) {
      printIds(graph.branchPoints());
      return ExitCodes.OK;
    }
    for (String id : graph.branchPoints()) {
      out().println(Describe.line(graph, id) + ", " + graph.revision(id).message());
      for (String child : graph.children(id)) {
        out()
            .println(
                "  -> " + Describe.line(graph, child) + ", " + graph.revision(child).message());
      }
    }
    return ExitCodes.OK;
  }
}
