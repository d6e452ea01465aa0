package dev.plinth.db.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidGraphException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks Plinth's answers against one {@code .expected} file written by the real Alembic: heads,
 * bases, history, and for each query the plan's revisions, directions and version-table rows after
 * every step, or a refusal where Alembic raised.
 */
final class AlembicCrossCheck {

  private AlembicCrossCheck() {}

  /** Asserts that Plinth answers every question of {@code graph} as Alembic did. */
  static void check(AlembicExpectations graph) {
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
    assertThat(mismatches)
        .as(
            "%s: %d of %d queries answered unlike Alembic",
            graph.name(), mismatches.size(), graph.queries().size())
        .isEmpty();
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
    if (query.crash() != null) {
      return crashedLike(query, actual);
    }
    return actual.equals(query.steps()) ? null : "expected " + query.steps() + " but was " + actual;
  }

  /**
   * Where Alembic's bookkeeping crashes mid-plan (a merge naming an ancestor of its other parent:
   * its {@code HeadMaintainer} deletes a row that is not there), Plinth must plan the same steps;
   * its rows stay consistent where Alembic's are unknown.
   */
  private static String crashedLike(
      AlembicExpectations.Query query, List<AlembicExpectations.Step> actual) {
    List<AlembicExpectations.Step> expected = query.steps();
    boolean same = actual.size() == expected.size();
    for (int i = 0; same && i < actual.size(); i++) {
      AlembicExpectations.Step want = expected.get(i);
      AlembicExpectations.Step got = actual.get(i);
      same =
          want.revision().equals(got.revision())
              && want.direction().equals(got.direction())
              && (want.rowsAfter() == null || want.rowsAfter().equals(got.rowsAfter()));
    }
    return same ? null : "expected " + expected + " (" + query.crash() + ") but was " + actual;
  }
}
