package dev.plinth.db.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    AlembicCrossCheck.check(AlembicExpectations.read(file));
  }
}
