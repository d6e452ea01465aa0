package dev.plinth.db.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidGraphException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares Plinth's answers with the real Alembic 1.8's on every graph of the cross-check corpus
 * ({@code src/test/resources/alembic-crosscheck/graphs}): heads, bases, history, and for each query
 * the plan's revisions, directions and version-table rows after every step, or an error.
 */
class RevisionGraphAlembicTest {

  private static final Path CORPUS = Path.of("src/test/resources/alembic-crosscheck/graphs");

  @Test
  void corpusIsComplete() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      List<Path> graphs = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(graphs).hasSizeGreaterThanOrEqualTo(16);
      for (Path graph : graphs) {
        assertThat(Path.of(graph.toString().replace(".json", ".expected")))
            .as("run generate_expected.py after adding %s", graph)
            .exists();
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> plinthAnswersAsAlembicDoes() throws IOException {
    List<Path> expected;
    try (Stream<Path> files = Files.list(CORPUS)) {
      expected = files.filter(f -> f.toString().endsWith(".expected")).sorted().toList();
    }
    return expected.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private static void check(Path file) throws IOException {
    AlembicExpectations graph = AlembicExpectations.read(file);
    if (graph.graphError() != null) {
      assertThatThrownBy(() -> RevisionGraph.of(graph.revisions()))
          .as("Alembic refused: %s", graph.graphError())
          .isInstanceOf(InvalidGraphException.class);
      return;
    }
    RevisionGraph plinth = RevisionGraph.of(graph.revisions());
    assertThat(plinth.heads()).as("heads").isEqualTo(graph.heads());
    assertThat(plinth.bases()).as("bases").isEqualTo(graph.bases());
    assertThat(plinth.history().stream().map(r -> r.id()).toList())
        .as("history")
        .isEqualTo(graph.history());
    List<String> mismatches = new ArrayList<>();
    for (AlembicExpectations.Query query : graph.queries()) {
      String problem = compare(plinth, query);
      if (problem != null) {
        mismatches.add(
            query.op() + " " + query.current() + " -> " + query.target() + ": " + problem);
      }
    }
    assertThat(mismatches).as("%s: queries answered unlike Alembic", graph.name()).isEmpty();
  }

  private static String compare(RevisionGraph plinth, AlembicExpectations.Query query) {
    MigrationPlan plan;
    try {
      plan =
          query.op().equals("upgrade")
              ? plinth.upgrade(query.current(), query.target())
              : plinth.downgrade(query.current(), query.target());
    } catch (InvalidGraphException e) {
      return query.error() != null ? null : "Plinth refused (" + e.getMessage() + ")";
    }
    if (query.error() != null) {
      return "Alembic refused (" + query.error() + ") but Plinth planned " + plan.revisionIds();
    }
    List<AlembicExpectations.Step> actual = new ArrayList<>();
    Set<String> rows = new HashSet<>(query.current());
    for (MigrationStep step : plan.steps()) {
      if (!step.headsBefore().equals(rows)) {
        return "step " + step.revision().id() + " starts from " + step.headsBefore();
      }
      rows = step.headsAfter();
      String direction = step.direction() == Direction.UPGRADE ? "up" : "down";
      actual.add(new AlembicExpectations.Step(step.revision().id(), direction, rows));
    }
    return actual.equals(query.steps()) ? null : "expected " + query.steps() + " but was " + actual;
  }
}
