package dev.plinth.db.migrate.cli;

import picocli.CommandLine.Command;

/** {@code bases}: the revisions with no down revision. */
@Command(
    name = "bases",
    mixinStandardHelpOptions = true,
    description = {
      "Print the bases of the revision graph: the revisions with no down_revision.",
      "Reads the revision files only; no database. With --format json: {\"bases\": [ids]}."
    })
final class BasesCommand extends MigrateCommand {

  @Override
  protected int run() {
    printRevisions(project().graph().bases());
    return ExitCodes.OK;
  }
}
