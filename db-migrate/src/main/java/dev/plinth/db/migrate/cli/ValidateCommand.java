package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code validate}: loads every revision and checks the graph, and applied checksums if it can. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Load every revision file, build and check the revision graph (headers, unknown down"
          + " revisions, cycles, duplicate ids and labels), and, when a database is given, check"
          + " that no applied SQL file was edited since it was applied. With --single-head, the"
          + " graph must also have exactly one head, as a CI check that merged branches of work"
          + " were merged in the graph too.",
      "Exit 2 for an invalid file or graph, 1 for an edited applied file or, with --single-head,"
          + " several heads (each named on stderr, with the merge command that joins them)."
    })
final class ValidateCommand extends MigrateCommand {

  @Option(
      names = "--single-head",
      description = "Fail (exit 1) unless the graph has exactly one head.")
  boolean singleHead;

  @Override
  protected int run() {
    RevisionGraph graph = project().graph();
    out()
        .println(
            graph.revisions().size()
                + " revision(s), heads "
                + graph.heads()
                + ", bases "
                + graph.bases()
                + ": the revision graph is valid");
    if (singleHead && graph.heads().size() > 1) {
      reportHeads(graph);
      return ExitCodes.FAILURE;
    }
    if (project().hasDatabase()) {
      try (Migrator migrator = project().migrator()) {
        migrator.verifyChecksums();
      }
      out().println("applied revisions match their files");
    }
    return ExitCodes.OK;
  }

  private void reportHeads(RevisionGraph graph) {
    List<String> heads = graph.heads();
    err().println("error: the revision graph has " + heads.size() + " heads, one is required:");
    for (String head : heads) {
      RevisionInfo revision = graph.revision(head);
      err().println("  " + head + " \"" + revision.message() + "\" (" + revision.origin() + ")");
    }
    String locations =
        main.locations == null ? "" : " --locations " + String.join(",", main.locations);
    err()
        .println(
            "join them with a merge revision: plinth-migrate"
                + locations
                + " merge -m \"merge heads\" "
                + String.join(" ", heads));
  }
}
