package dev.plinth.db.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidGraphException;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A relative downgrade from a database at several heads, as Alembic 1.8 plans it. Graph: {@code a};
 * {@code b}, {@code c} on {@code a}; {@code m} merges them; {@code x} and {@code y} on {@code m}.
 */
class RelativeDowngradeTest {

  private static final RevisionGraph GRAPH =
      RevisionGraph.of(
          List.of(
              rev("a"),
              rev("b", "a"),
              rev("c", "a"),
              rev("m", "b", "c"),
              rev("x", "m"),
              rev("y", "m")));

  private static RevisionInfo rev(String id, String... down) {
    return new RevisionInfo(
        id, List.of(down), List.of(), List.of(), Optional.empty(), "", "v/" + id + ".sql", true);
  }

  private static Set<String> rows(String... ids) {
    return new LinkedHashSet<>(List.of(ids));
  }

  @Test
  void minusOneFromTwoHeadsOnAMergeStepsDownTheFirstHeadOnly() {
    MigrationPlan plan = GRAPH.downgrade(rows("x", "y"), "-1");

    assertThat(plan.revisionIds()).containsExactly("x");
    assertThat(plan.steps().get(0).headsAfter()).containsExactly("y");
  }

  @Test
  void minusOneFromTwoHeadsFollowsTheOrderOfTheRows() {
    MigrationPlan plan = GRAPH.downgrade(rows("y", "x"), "-1");

    assertThat(plan.revisionIds()).containsExactly("y");
    assertThat(plan.steps().get(0).headsAfter()).containsExactly("x");
  }

  @Test
  void minusTwoFromTwoHeadsIsRefusedWhereTheWalkReachesTheMerge() {
    assertThatThrownBy(() -> GRAPH.downgrade(rows("x", "y"), "-2"))
        .isInstanceOf(InvalidGraphException.class)
        .hasMessageContaining("'-2' is ambiguous")
        .hasMessageContaining("'b' (v/b.sql)");
  }

  @Test
  void minusOneFromAnEmptyDatabaseIsRefused() {
    assertThatThrownBy(() -> GRAPH.downgrade(Set.of(), "-1"))
        .isInstanceOf(InvalidGraphException.class)
        .hasMessageContaining("'-1' walks past the end");
  }
}
