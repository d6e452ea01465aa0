package dev.plinth.db.migrate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code init}: creates the migrations directory, as {@code alembic init} creates its env. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create the migrations directory (the first filesystem: location, default ./migrations)"
          + " with a README describing the file format. It creates no revision: run"
          + " `plinth-migrate revision -m MESSAGE` next.",
      "Refuses a directory that exists and is not empty."
    })
final class InitCommand extends MigrateCommand {

  @Override
  protected int run() {
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

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
