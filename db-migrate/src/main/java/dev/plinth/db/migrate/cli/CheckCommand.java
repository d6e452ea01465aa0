package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.ChecksumMismatchException;
import dev.plinth.db.migrate.Migrator;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Command;

/**
 * {@code check}: whether the database is at the heads, with unedited applied files, and matches the
 * registered models, as {@code alembic check}. Every difference is reported, not only the first.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check the database against the revisions and the models: it must be at the heads of the"
          + " graph, no applied SQL file may have been edited since it was applied, and its"
          + " schema must match the models the service registers (a class listed in"
          + " META-INF/services/dev.plinth.db.migrate.ModelsProvider on the class path, e.g."
          + " java -cp service.jar:plinth-migrate.jar dev.plinth.db.migrate.cli.Main check)."
          + " Tables, columns (type, nullability, default, collation, auto-increment), keys,"
          + " indexes, foreign keys and checks are compared; a table the database has and no"
          + " model declares is a difference too, unless the provider excludes it (the version"
          + " and history tables never count).",
      "Exit 0 when all holds, 1 otherwise, with one line per difference on stdout; with"
          + " --format json one object: ok, current, heads, edited_revision, models (whether any"
          + " are registered), model_differences. Without registered models, a note on stderr"
          + " says so and only the heads and applied files are checked."
    })
final class CheckCommand extends MigrateCommand {

  @Override
  protected int run() {
    CheckReport report;
    try (Migrator migrator = project().migrator()) {
      report =
          new CheckReport(
              new TreeSet<>(migrator.current()),
              new TreeSet<>(project().graph().heads()),
              edited(migrator),
              migrator.compareModels());
    }
    if (report.models().isEmpty()) {
      err()
          .println(
              "note: no models registered (no class listed in"
                  + " META-INF/services/dev.plinth.db.migrate.ModelsProvider on the class path):"
                  + " checking only the heads and applied files");
    }
    if (json()) {
      out().println(report.json());
    } else {
      report.text().forEach(out()::println);
    }
    int problems = report.problems().size();
    if (problems == 0) {
      return ExitCodes.OK;
    }
    err().println("error: check found " + problems + " difference(s), listed on stdout");
    return ExitCodes.FAILURE;
  }

  private static Optional<ChecksumMismatchException> edited(Migrator migrator) {
    try {
      migrator.verifyChecksums();
      return Optional.empty();
    } catch (ChecksumMismatchException e) {
      return Optional.of(e);
    }
  }
}
