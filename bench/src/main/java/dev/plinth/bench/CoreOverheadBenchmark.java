package dev.plinth.bench;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Plinth's per-transaction overhead: one writer transaction with one INSERT and one reader
 * transaction with one primary-key SELECT, through {@link dev.plinth.db.core.Database} and through
 * plain HikariCP and JDBC on a pool with the same settings, driver properties and connection set-up
 * ({@link CoreOverheadFixture}). The table is recreated and preloaded at the start of each trial;
 * SELECTs cycle through its ids. {@link CoreOverheadAb} times the same operations paired and
 * interleaved in one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoreOverheadBenchmark {
  /** The backend: {@code sqlite} (a WAL file in a temporary directory) or {@code postgresql}. */
  @Param({"sqlite", "postgresql"})
  public String backend;

  private CoreOverheadFixture fixture;

  /** Opens both pools and recreates and preloads the table. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = new CoreOverheadFixture(Backend.named(backend));
  }

  /** Drops the table, closes both pools and removes the SQLite file. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** A writer transaction with one INSERT, through Plinth. */
  @Benchmark
  public long plinthInsert() {
    return fixture.plinthInsert();
  }

  /** A writer transaction with one INSERT, through HikariCP and JDBC. */
  @Benchmark
  public long rawInsert() throws SQLException {
    return fixture.rawInsert();
  }

  /** A reader transaction with one primary-key SELECT, through Plinth. */
  @Benchmark
  public Optional<String> plinthSelect() {
    return fixture.plinthSelect(fixture.nextId());
  }

  /** A reader transaction with one primary-key SELECT, through HikariCP and JDBC. */
  @Benchmark
  public String rawSelect() throws SQLException {
    return fixture.rawSelect(fixture.nextId());
  }
}
