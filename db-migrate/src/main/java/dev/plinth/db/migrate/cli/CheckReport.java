package dev.plinth.db.migrate.cli;

import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.migrate.ChecksumMismatchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code check} found, and its two renderings: one line per problem, or one JSON object.
 *
 * @param current the version table's rows, sorted
 * @param heads the graph's heads, sorted
 * @param edited the first applied file edited since it was applied, if any
 * @param models the difference from the registered models; empty when none are registered
 */
record CheckReport(
    Set<String> current,
    Set<String> heads,
    Optional<ChecksumMismatchException> edited,
    Optional<SchemaDiff> models) {

  /** Every problem as a sentence; empty when all holds. */
  List<String> problems() {
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
    problems.addAll(modelDifferences());
    return problems;
  }

  /** The text rendering: the problems one per line, or a line saying all holds. */
  List<String> text() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      return problems;
    }
    return List.of(
        "the database is at the heads "
            + heads
            + ", applied files are unchanged"
            + (models.isPresent() ? " and the schema matches the models" : ""));
  }

  /** The JSON rendering: ok, current, heads, edited_revision, models, model_differences. */
  String json() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("ok", problems().isEmpty());
    result.put("current", List.copyOf(current));
    result.put("heads", List.copyOf(heads));
    result.put("edited_revision", edited.map(ChecksumMismatchException::revision).orElse(null));
    result.put("models", models.isPresent());
    result.put("model_differences", modelDifferences());
    return Json.write(result);
  }

  private List<String> modelDifferences() {
    return models.map(SchemaDiff::differences).orElse(List.of());
  }
}
