package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stamp TARGET}: sets the version table without running anything. */
@Command(
    name = "stamp",
    mixinStandardHelpOptions = true,
    description = {
      "Set the version table to TARGET (heads, an id or prefix, base for empty) without running"
          + " any revision, as alembic stamp; recorded in the history table.",
      "Use it to adopt a database whose schema already matches a revision. Needs a database."
    })
final class StampCommand extends MigrateCommand {

  @Parameters(index = "0", paramLabel = "TARGET", description = "Revision(s) to stamp, or base.")
  String target;

  @Override
  protected int run() {
    requireNamed("TARGET", target);
    MigrationResult result;
    try (Migrator migrator = project().migrator()) {
      result = migrator.stamp(target);
    }
    err().println("stamped " + result.headsAfter() + " (was " + result.headsBefore() + ")");
    printRevisions(List.copyOf(new TreeSet<>(result.headsAfter())));
    return ExitCodes.OK;
  }
}
