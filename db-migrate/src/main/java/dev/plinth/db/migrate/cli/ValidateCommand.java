package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.graph.RevisionGraph;
import picocli.CommandLine.Command;

/** {@code validate}: loads every revision and checks the graph, and applied checksums if it can. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Load every revision file, build and check the revision graph (headers, unknown down"
          + " revisions, cycles, duplicate ids and labels), and, when a database is given, check"
          + " that no applied SQL file was edited since it was applied.",
      "Exit 2 for an invalid file or graph, 1 for an edited applied file."
    })
final class ValidateCommand extends MigrateCommand {

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
    if (project().hasDatabase()) {
      try (Migrator migrator = project().migrator()) {
        migrator.verifyChecksums();
      }
      out().println("applied revisions match their files");
    }
    return ExitCodes.OK;
  }
}
