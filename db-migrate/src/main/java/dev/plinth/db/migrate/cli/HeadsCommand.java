package dev.plinth.db.migrate.cli;

import picocli.CommandLine.Command;

/** {@code heads}: the revisions nothing follows, as {@code alembic heads}. */
@Command(
    name = "heads",
    mixinStandardHelpOptions = true,
    description = {
      "Print the heads of the revision graph: the revisions no other revision follows.",
      "Reads the revision files only; no database. With --format json: {\"heads\": [ids]}."
    })
final class HeadsCommand extends MigrateCommand {

  @Override
  protected int run() {
    printRevisions(project().graph().heads());
    return ExitCodes.OK;
  }
}
