package dev.plinth.db.migrate.autogenerate;

import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.models.ModelComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the body of the revision that brings a database to the models, as Alembic's autogenerate
 * does: the {@link ModelComparison}'s differences become ordered operations ({@link
 * ChangePlanner}), which become {@code ctx.op()} calls ({@link OperationsSource}); the downgrade
 * runs the reverse operations in reverse order. What cannot be inferred safely (a rename, a primary
 * key, a collation or type only one backend knows, a constraint without a name) is left to the
 * author, as a comment in {@code upgrade} and a warning.
 */
public final class Autogenerator {
  private static final int WIDTH = 100;
  private static final String COMMENT = "    // ";

  private Autogenerator() {}

  /**
   * The migration that turns the database of {@code migrator} into its registered models.
   *
   * @throws MigrationException if no models are registered, or the database is not at the heads (a
   *     revision written from it would repeat what the pending revisions do)
   * @throws dev.plinth.db.core.error.DbException if the database cannot be read
   */
  public static GeneratedMigration generate(Migrator migrator) {
    Set<String> heads = new TreeSet<>(migrator.heads());
    Set<String> current = new TreeSet<>(migrator.current());
    if (!current.equals(heads)) {
      throw new MigrationException(
          "the database is at "
              + current
              + " but the heads are "
              + heads
              + ": run `plinth-migrate upgrade heads` before autogenerating the next revision");
    }
    return generate(
        migrator
            .compareModelsInDetail()
            .orElseThrow(
                () ->
                    new MigrationException(
                        "no models registered: autogenerate compares the database with the"
                            + " models of the classes listed in"
                            + " META-INF/services/dev.plinth.db.migrate.ModelsProvider; put the"
                            + " service's jar on the class path")));
  }

  /** The migration that turns {@code comparison}'s database into its models, and back. */
  public static GeneratedMigration generate(ModelComparison comparison) {
    ChangePlan plan = ChangePlanner.plan(comparison);
    Notes notes = new Notes();
    plan.notes().forEach(notes::add);
    SchemaExpressions expressions = new SchemaExpressions();
    OperationsSource source = new OperationsSource(expressions, notes);
    List<String> upgrade = source.body(plan.upgrade());
    List<String> downgrade = source.body(plan.downgrade());
    expressions
        .backendTypes()
        .forEach(
            t ->
                notes.add(
                    "type "
                        + t
                        + " has no portable equivalent: the revision applies as written only on"
                        + " a backend that knows it"));
    List<String> lines = new ArrayList<>();
    if (!notes.lines().isEmpty()) {
      lines.add(COMMENT + "Check before applying, autogenerate could not decide these:");
      notes.lines().forEach(n -> lines.addAll(comment("- " + n)));
    }
    lines.addAll(upgrade);
    return new GeneratedMigration(
        new TreeSet<>(expressions.imports()), lines, downgrade, notes.lines());
  }

  /** {@code text} as comment lines that keep within the page width. */
  private static List<String> comment(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(COMMENT);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(COMMENT + "  ");
        empty = true;
      }
      line.append(empty ? "" : " ").append(word);
      empty = false;
    }
    lines.add(line.toString());
    return lines;
  }
}
