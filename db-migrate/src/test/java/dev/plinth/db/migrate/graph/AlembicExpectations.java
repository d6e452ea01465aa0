package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.RevisionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code .expected} file written by {@code src/test/alembic/generate_expected.py}: a graph in
 * declaration order and what Alembic 1.8 answered about it.
 */
record AlembicExpectations(
    String name,
    List<RevisionInfo> revisions,
    String graphError,
    List<String> heads,
    List<String> bases,
    List<String> history,
    List<Query> queries) {

  /**
   * A plan request and Alembic's answer: the steps, or an error message. {@code crash}, if set, is
   * the error Alembic's version-table bookkeeping raises while running a plan it did make; the rows
   * of the steps from there on are unknown.
   */
  record Query(
      String op,
      Set<String> current,
      String target,
      List<Step> steps,
      String error,
      String crash) {}

  /**
   * One step: the revision, {@code up} or {@code down}, and the version-table rows after it ({@code
   * null} once Alembic's bookkeeping has crashed).
   */
  record Step(String revision, String direction, Set<String> rowsAfter) {}

  static AlembicExpectations read(Path file) throws IOException {
    String name = file.getFileName().toString().replace(".expected", "");
    List<RevisionInfo> revisions = new ArrayList<>();
    List<Query> queries = new ArrayList<>();
    String graphError = null;
    List<String> heads = List.of();
    List<String> bases = List.of();
    List<String> history = List.of();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "revision" -> revisions.add(revision(revisions.size(), f));
        case "graph-error" -> graphError = f[1];
        case "heads" -> heads = list(f[1]);
        case "bases" -> bases = list(f[1]);
        case "history" -> history = list(f[1]);
        case "upgrade", "downgrade" ->
            queries.add(
                new Query(
                    f[0], new LinkedHashSet<>(list(f[1])), f[2], new ArrayList<>(), null, null));
        case "" -> queries.set(queries.size() - 1, withAnswer(queries.get(queries.size() - 1), f));
        default -> {
          if (!f[0].startsWith("#")) {
            throw new IllegalStateException(file + ": unexpected line " + line);
          }
        }
      }
    }
    return new AlembicExpectations(name, revisions, graphError, heads, bases, history, queries);
  }

  private static Query withAnswer(Query query, String[] f) {
    if (f[1].equals("error")) {
      return new Query(query.op(), query.current(), query.target(), query.steps(), f[2], null);
    }
    if (f[1].equals("crash")) {
      return new Query(query.op(), query.current(), query.target(), query.steps(), null, f[2]);
    }
    Set<String> rows = f[4].equals("?") ? null : new LinkedHashSet<>(list(f[4]));
    query.steps().add(new Step(f[2], f[3], rows));
    return query;
  }

  private static RevisionInfo revision(int position, String[] f) {
    return new RevisionInfo(
        f[1],
        list(f[2]),
        list(f[3]),
        list(f[4]),
        Optional.empty(),
        "",
        String.format("versions/%05d_%s.py", position, f[1]),
        true);
  }

  private static List<String> list(String field) {
    return field.equals("-") || field.isEmpty() ? List.of() : Arrays.asList(field.split(","));
  }
}
