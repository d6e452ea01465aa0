package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code init}: creates the migrations directory, as {@code alembic init} creates its env. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create the migrations directory (the first filesystem: location, default ./migrations)"
          + " with a README describing the file format. It creates no revision: run"
          + " `plinth-migrate revision -m MESSAGE` next.",
      "Refuses a directory that exists and is not empty.",
      "With --from-models it builds a new database instead: every table the registered models"
          + " declare (a class listed in META-INF/services/dev.plinth.db.migrate.ModelsProvider"
          + " on the class path), in foreign-key order, then stamps the heads, in one transaction"
          + " where the backend allows. Refuses a database that has a table of the models or a"
          + " version table. Shadow tables come from `plinth-archive shadow create` afterwards."
    })
final class InitCommand extends MigrateCommand {

  @Option(
      names = "--from-models",
      description = "Build the database from the models and stamp the heads (needs --url).")
  boolean fromModels;

  @Override
  protected int run() {
    if (fromModels) {
      return buildFromModels();
    }
    Path dir = project().directory();
    try {
      if (Files.isDirectory(dir) && !isEmpty(dir)) {
        throw new UsageException(
            "directory " + dir + " already exists and is not empty: nothing to initialise");
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("README.md"), RevisionFiles.readme());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    out().println(dir);
    err()
        .println(
            "created "
                + dir
                + "; add the first revision with `plinth-migrate revision -m MESSAGE`");
    return ExitCodes.OK;
  }

  private int buildFromModels() {
    MigrationResult result;
    try (Migrator migrator = project().migrator()) {
      result = migrator.createFromModels();
    }
    err().println("built the database from the models and stamped " + result.headsAfter());
    printRevisions(List.copyOf(new TreeSet<>(result.headsAfter())));
    return ExitCodes.OK;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
