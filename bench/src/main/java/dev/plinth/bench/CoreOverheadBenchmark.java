package dev.plinth.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * transaction with one primary-key SELECT, through {@link Database} and through plain HikariCP and
 * JDBC on a pool with the same settings, driver properties and connection set-up ({@link RawPool}).
 * The table is recreated and preloaded with {@value #ROWS} rows at the start of each trial; SELECTs
 * cycle through those ids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoreOverheadBenchmark {
  static final int ROWS = 10_000;
  private static final String INSERT = "INSERT INTO items(name) VALUES (?)";
  private static final String SELECT = "SELECT name FROM items WHERE id = ?";

  /** The backend: {@code sqlite} (a WAL file in a temporary directory) or {@code postgresql}. */
  @Param({"sqlite", "postgresql"})
  public String backend;

  private Backend target;
  private Path dir;
  private Database db;
  private HikariDataSource raw;
  private long lastId;

  /** Opens both pools and recreates and preloads the table. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    target = Backend.named(backend);
    dir = Files.createTempDirectory("plinth-bench");
    String url = target.url(dir);
    DatabaseConfig config = DatabaseConfig.builder().connection(url).build();
    db = Database.builder().config(config).build();
    raw = RawPool.create(url, config);
    List<Object[]> rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      rows.add(new Object[] {"row " + i});
    }
    db.writer()
        .run(
            tx -> {
              tx.update("DROP TABLE IF EXISTS items");
              tx.update(target.createTable());
              tx.batch(INSERT, rows);
            });
  }

  /** Drops the table, closes both pools and removes the SQLite file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    db.writer().run(tx -> tx.update("DROP TABLE items"));
    raw.close();
    db.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A writer transaction with one INSERT, through Plinth. */
  @Benchmark
  public long plinthInsert() {
    return db.writer().call(tx -> tx.insert(INSERT, "bench"));
  }

  /** A writer transaction with one INSERT, through HikariCP and JDBC. */
  @Benchmark
  public long rawInsert() throws SQLException {
    try (Connection c = raw.getConnection()) {
      try (PreparedStatement ps = target.prepareInsert(c, INSERT)) {
        ps.setString(1, "bench");
        ps.executeUpdate();
        long id;
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** A reader transaction with one primary-key SELECT, through Plinth. */
  @Benchmark
  public Optional<String> plinthSelect() {
    long id = nextId();
    return db.reader().call(tx -> tx.queryOne(SELECT, rs -> rs.getString(1), id));
  }

  /** A reader transaction with one primary-key SELECT, through HikariCP and JDBC. */
  @Benchmark
  public String rawSelect() throws SQLException {
    long id = nextId();
    try (Connection c = raw.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(SELECT)) {
        ps.setLong(1, id);
        String name = null;
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            name = rs.getString(1);
          }
        }
        c.rollback();
        return name;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private long nextId() {
    lastId = lastId % ROWS + 1;
    return lastId;
  }
}
