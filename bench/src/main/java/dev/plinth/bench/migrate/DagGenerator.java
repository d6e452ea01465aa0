package dev.plinth.bench.migrate;

import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.MigrationStep;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The revision DAG of the graph benchmark: {@code n} revisions from a fixed seed with branches and
 * merges. Each new revision extends an open head (most), branches off one of the 200 revisions
 * before it (8 %, while there are fewer than 8 heads) or merges two heads (8 %); revision {@code
 * n/2} starts a second base. {@link #main} writes it for Alembic's side ({@code
 * bench/alembic/graph_bench.py}), with Plinth's upgrade plan so that the two can be compared.
 */
public final class DagGenerator {
  private static final long SEED = 42;

  private DagGenerator() {}

  /** The revisions, in declaration order. */
  public static List<RevisionInfo> generate(int n) {
    Random random = new Random(SEED);
    List<String> heads = new ArrayList<>();
    List<RevisionInfo> revisions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("g%05d", i);
      List<String> down = new ArrayList<>();
      double r = random.nextDouble();
      if (i == 0 || i == n / 2) {
        // a base
      } else if (heads.size() >= 2 && r < 0.08) {
        down.add(heads.remove(random.nextInt(heads.size())));
        down.add(heads.remove(random.nextInt(heads.size())));
      } else if (r < 0.16 && heads.size() < 8) {
        String parent = revisions.get(i - 1 - random.nextInt(Math.min(i, 200))).id();
        heads.remove(parent);
        down.add(parent);
      } else {
        down.add(heads.remove(random.nextInt(heads.size())));
      }
      heads.add(id);
      revisions.add(
          new RevisionInfo(id, down, List.of(), List.of(), Optional.empty(), "", id, true));
    }
    return revisions;
  }

  /**
   * Writes {@code DIR/dag.txt} (one revision a line: id, then its down revisions) and {@code
   * DIR/plinth-plan.txt} (Plinth's upgrade from nothing to {@code heads}: one step a line, the
   * revision id and the version-table rows after it).
   *
   * @param args the output directory and the number of revisions
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    List<RevisionInfo> revisions = generate(Integer.parseInt(args[1]));
    Files.write(
        dir.resolve("dag.txt"),
        revisions.stream()
            .map(r -> (r.id() + " " + String.join(" ", r.downRevisions())).strip())
            .toList());
    RevisionGraph graph = RevisionGraph.of(revisions);
    List<String> plan = new ArrayList<>();
    for (MigrationStep step : graph.upgrade(Set.of(), "heads").steps()) {
      plan.add(
          step.revision().id()
              + " "
              + step.headsAfter().stream().sorted().collect(Collectors.joining(",")));
    }
    Files.write(dir.resolve("plinth-plan.txt"), plan);
    System.out.println(graph.heads().size() + " heads, " + plan.size() + " steps");
  }
}
