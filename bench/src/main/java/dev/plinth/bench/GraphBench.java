package dev.plinth.bench;

import dev.plinth.bench.migrate.DagGenerator;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The revision graph on a generated DAG with branches and merges ({@link DagGenerator}): building
 * and validating it plus its heads, and the same plus the full upgrade plan from an empty database
 * to {@code heads}. Every operation starts from the revision list, as a CLI command does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GraphBench {
  @Param("10000")
  int revisions;

  private List<RevisionInfo> dag;

  /** Generates the DAG once per trial. */
  @Setup
  public void generate() {
    dag = DagGenerator.generate(revisions);
  }

  /** {@code RevisionGraph.of(...).heads()}. */
  @Benchmark
  public List<String> heads() {
    return RevisionGraph.of(dag).heads();
  }

  /**
   * {@code RevisionGraph.of(...)}, its heads and the plan of {@code upgrade heads} from nothing.
   */
  @Benchmark
  public MigrationPlan headsAndPlan() {
    RevisionGraph graph = RevisionGraph.of(dag);
    graph.heads();
    return graph.upgrade(Set.of(), "heads");
  }
}
