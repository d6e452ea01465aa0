package dev.plinth.db.migrate.cli;

import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.migrate.ChecksumMismatchException;
import dev.plinth.db.migrate.Migrator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
          + " --format json one object: ok, current, heads, editedRevision, models (whether any"
          + " are registered), modelDifferences. Without registered models, a note on stderr"
          + " says so and only the heads and applied files are checked."
    })
final class CheckCommand extends MigrateCommand {

  @Override
  protected int run() {
    boolean json = json();
    Set<String> current;
    Optional<ChecksumMismatchException> edited;
    Optional<SchemaDiff> models;
    try (Migrator migrator = project().migrator()) {
      edited = edited(migrator);
      current = new TreeSet<>(migrator.current());
      models = migrator.compareModels();
    }
    Set<String> heads = new TreeSet<>(project().graph().heads());
    if (models.isEmpty()) {
      err()
          .println(
              "note: no models registered (no class listed in"
                  + " META-INF/services/dev.plinth.db.migrate.ModelsProvider on the class path):"
                  + " checking only the heads and applied files");
    }
    List<String> problems = new ArrayList<>();
    if (!current.equals(heads)) {
      problems.add(
          "the database is at "
              + current
              + " but the heads are "
              + heads
              + ": run `plinth-migrate upgrade heads`");
    }
    edited.ifPresent(e -> problems.add(e.getMessage()));
    List<String> differences = models.map(SchemaDiff::differences).orElse(List.of());
    problems.addAll(differences);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ok", problems.isEmpty());
      result.put("current", List.copyOf(current));
      result.put("heads", List.copyOf(heads));
      result.put("editedRevision", edited.map(ChecksumMismatchException::revision).orElse(null));
      result.put("models", models.isPresent());
      result.put("modelDifferences", differences);
      out().println(Json.write(result));
    } else if (problems.isEmpty()) {
      out()
          .println(
              "the database is at the heads "
                  + heads
                  + ", applied files are unchanged"
                  + (models.isPresent() ? " and the schema matches the models" : ""));
    } else {
      problems.forEach(out()::println);
    }
    if (problems.isEmpty()) {
      return ExitCodes.OK;
    }
    err().println("error: check found " + problems.size() + " difference(s), listed on stdout");
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
