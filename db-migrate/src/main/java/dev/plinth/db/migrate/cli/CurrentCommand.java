package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Migrator;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code current}: the version table's rows, as {@code alembic current}. */
@Command(
    name = "current",
    mixinStandardHelpOptions = true,
    description = {
      "Print the revisions the database is at: the rows of the version table (one per applied"
          + " head); nothing for a database never migrated.",
      "Needs a database (--url or --config). With --format json: {\"current\": [ids]}."
    })
final class CurrentCommand extends MigrateCommand {

  @Override
  protected int run() {
    List<String> current;
    try (Migrator migrator = project().migrator()) {
      current = List.copyOf(migrator.current());
    }
    printRevisions(current);
    return ExitCodes.OK;
  }
}
