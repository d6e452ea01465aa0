package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.AdoptionMapping;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adopt --mapping FILE}: takes over a database that Alembic, Flyway or sqlalchemy-migrate
 * managed.
 */
@Command(
    name = "adopt",
    mixinStandardHelpOptions = true,
    description = {
      "Take over a database whose history is in alembic_version, flyway_schema_history or"
          + " migrate_version: run sqlalchemy-migrate's pending numbered legacy scripts, map the"
          + " tool's version to a Plinth revision through the mapping file, and stamp the version"
          + " table (recorded in the history as an adoption). Then run upgrade.",
      "Mapping file (properties): alembic.<rev>=<plinth rev>, flyway.<version>=<plinth rev>,"
          + " migrate.<N>=<plinth rev>, migrate.legacy_location=filesystem:DIR (optional)."
    })
final class AdoptCommand extends MigrateCommand {

  @Option(
      names = "--mapping",
      required = true,
      paramLabel = "FILE",
      description = "The mapping file from the other tool's versions to Plinth revisions.")
  Path mapping;

  @Override
  protected int run() {
    AdoptionMapping parsed;
    try {
      parsed = AdoptionMapping.load(mapping);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new UsageException(e.getMessage(), e);
    }
    MigrationResult result;
    try (Migrator migrator = project().migrator(b -> b.adoption(parsed))) {
      result = migrator.adopt();
    }
    err().println("adopted the database at " + result.headsAfter());
    printRevisions(List.copyOf(new TreeSet<>(result.headsAfter())));
    return ExitCodes.OK;
  }
}
