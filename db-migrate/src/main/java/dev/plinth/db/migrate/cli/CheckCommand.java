package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Migrator;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;

/** {@code check}: whether the database is at the heads with unedited applied files. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check the database against the revisions: it must be at the heads of the graph, and no"
          + " applied SQL file may have been edited since it was applied. Exit 0 when both hold,"
          + " 1 otherwise.",
      "Unlike alembic check this does not yet compare table definitions (models) with the live"
          + " schema: Plinth has no models registry yet."
    })
final class CheckCommand extends MigrateCommand {

  @Override
  protected int run() {
    Set<String> current;
    try (Migrator migrator = project().migrator()) {
      migrator.verifyChecksums();
      current = new TreeSet<>(migrator.current());
    }
    Set<String> heads = new TreeSet<>(project().graph().heads());
    if (!current.equals(heads)) {
      err()
          .println(
              "error: the database is at "
                  + current
                  + " but the heads are "
                  + heads
                  + ": run `plinth-migrate upgrade heads`");
      return ExitCodes.FAILURE;
    }
    out().println("the database is at the heads " + heads + " and applied files are unchanged");
    return ExitCodes.OK;
  }
}
