package dev.plinth.db.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.migrate.RevisionInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A generated 10,000-revision graph with several bases, branches and merges: the full upgrade and
 * downgrade plans run every revision once, parents before children, and leave the version table at
 * the heads (then empty). Timing lives outside the unit tests.
 */
class LargeGraphTest {

  /** Builds a reproducible DAG of {@code size} revisions. */
  static List<RevisionInfo> generate(int size, long seed) {
    Random random = new Random(seed);
    List<RevisionInfo> revisions = new ArrayList<>();
    List<String> tips = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String id = String.format("r%06d%04x", i, random.nextInt(0x10000));
      int roll = random.nextInt(100);
      List<String> down;
      if (tips.isEmpty() || roll < 1) {
        down = List.of();
      } else if (roll < 10) {
        down = List.of(revisions.get(random.nextInt(revisions.size())).id());
      } else if ((roll < 16 || tips.size() > 20) && tips.size() > 1) {
        String first = tips.remove(random.nextInt(tips.size()));
        down = List.of(first, tips.remove(random.nextInt(tips.size())));
      } else {
        down = List.of(tips.remove(random.nextInt(tips.size())));
      }
      tips.removeAll(down);
      tips.add(id);
      revisions.add(
          new RevisionInfo(
              id, down, List.of(), List.of(), Optional.empty(), "", "gen/" + id + ".sql", true));
    }
    return revisions;
  }

  @Test
  void fullUpgradeAndDowngradeOfTenThousandRevisions() {
    List<RevisionInfo> revisions = generate(10_000, 42);
    RevisionGraph graph = RevisionGraph.of(revisions);
    assertThat(graph.heads().size()).isGreaterThan(1);
    assertThat(graph.bases().size()).isGreaterThan(1);
    assertThat(graph.mergePoints()).isNotEmpty();

    MigrationPlan up = graph.upgrade(Set.of(), "heads");
    assertParentsFirst(up.steps(), Set.of(), true);
    assertThat(up.steps().get(up.steps().size() - 1).headsAfter())
        .containsExactlyInAnyOrderElementsOf(graph.heads());

    MigrationPlan down = graph.downgrade(Set.copyOf(graph.heads()), "base");
    assertParentsFirst(down.steps(), Set.copyOf(graph.heads()), false);
    assertThat(down.steps().get(down.steps().size() - 1).headsAfter()).isEmpty();
    assertThat(graph.upgrade(Set.copyOf(graph.heads()), "heads").isEmpty()).isTrue();
  }

  private static void assertParentsFirst(
      List<MigrationStep> steps, Set<String> current, boolean upgrade) {
    assertThat(steps).hasSize(10_000);
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      position.put(steps.get(i).revision().id(), i);
    }
    assertThat(position).hasSize(10_000);
    Set<String> rows = current;
    for (MigrationStep step : steps) {
      assertThat(step.headsBefore()).isEqualTo(rows);
      rows = step.headsAfter();
      int at = position.get(step.revision().id());
      for (String parent : step.revision().downRevisions()) {
        assertThat(position.get(parent) < at).isEqualTo(upgrade);
      }
    }
  }
}
