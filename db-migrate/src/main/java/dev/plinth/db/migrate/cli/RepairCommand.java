package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Migrator;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code repair}: accepts deliberate edits of applied SQL files. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Record the current checksum of every applied SQL file edited since it was applied, so"
          + " that upgrade accepts the edit. Only for edits that do not change what the revision"
          + " did (comments, formatting). Prints the revisions repaired. Needs a database."
    })
final class RepairCommand extends MigrateCommand {

  @Override
  protected int run() {
    List<String> repaired;
    try (Migrator migrator = project().migrator()) {
      repaired = migrator.repair();
    }
    printIds(repaired);
    return ExitCodes.OK;
  }
}
