package dev.plinth.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Set;
import java.util.stream.Stream;

/**
 * The two sides of the core overhead measurement on one backend: a {@link Database} with its
 * defaults and a plain HikariCP pool with the same settings ({@link RawPool}), over a table {@code
 * items} that is recreated and preloaded with {@value #ROWS} rows when the fixture opens. Each
 * operation is one whole transaction; {@link CoreOverheadBenchmark} and {@link CoreOverheadAb} time
 * the same operations.
 */
final class CoreOverheadFixture implements AutoCloseable {
  /** What Plinth's reader transaction and {@code queryOne} do that the raw select does not. */
  enum PlinthStep {
    /** {@code setAutoCommit(false)} on every borrowed connection (a proxy call and a check). */
    SET_AUTO_COMMIT,
    /** {@code setObject} with a boxed {@code Long} instead of {@code setLong}. */
    SET_OBJECT,
    /** {@code setMaxRows(2)}: the Execute message carries a row limit of 2. */
    MAX_ROWS,
    /** A second {@code rs.next()}, which checks that no other row follows. */
    SECOND_NEXT
  }

  /** Rows preloaded into {@code items}; SELECTs cycle through their ids. */
  private static final int ROWS = 10_000;

  private static final String INSERT = "INSERT INTO items(name) VALUES (?)";
  private static final String SELECT = "SELECT name FROM items WHERE id = ?";

  private final Backend backend;
  private final Path dir;
  private final Database db;
  private final HikariDataSource raw;
  private long lastId;

  /**
   * Opens both pools on {@code backend} and recreates and preloads the table.
   *
   * @throws UncheckedIOException if the temporary directory for SQLite cannot be created
   */
  CoreOverheadFixture(Backend backend) {
    this.backend = backend;
    dir = temporaryDirectory();
    String url = backend.url(dir);
    // PLINTH_DATABASE_* variables reach both sides, e.g. MYSQL_COMMIT_MARKERS=true.
    DatabaseConfig config =
        DatabaseConfig.builder().connection(url).environment(System.getenv()).build();
    db = Database.builder().config(config).build();
    raw = RawPool.create(url, config);
    preload();
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("plinth-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void preload() {
    List<Object[]> rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      rows.add(new Object[] {"row " + i});
    }
    db.writer()
        .run(
            tx -> {
              tx.update("DROP TABLE IF EXISTS items");
              tx.update(backend.createTable());
              tx.batch(INSERT, rows);
            });
  }

  /** The next id to select: 1, 2, … {@value #ROWS}, then 1 again. */
  long nextId() {
    lastId = lastId % ROWS + 1;
    return lastId;
  }

  /** A writer transaction with one INSERT, through Plinth; returns the new id. */
  long plinthInsert() {
    return db.writer().call(tx -> tx.insert(INSERT, "bench"));
  }

  /**
   * A writer transaction with one INSERT, through HikariCP and JDBC; returns the new id.
   *
   * @throws SQLException if the driver fails
   */
  long rawInsert() throws SQLException {
    try (Connection c = raw.getConnection()) {
      try (PreparedStatement ps = backend.prepareInsert(c, INSERT)) {
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

  /** A reader transaction with one primary-key SELECT of {@code id}, through Plinth. */
  Optional<String> plinthSelect(long id) {
    return db.reader().call(tx -> tx.queryOne(SELECT, rs -> rs.getString(1), id));
  }

  /**
   * A reader transaction with one primary-key SELECT of {@code id}, through HikariCP and JDBC.
   *
   * @throws SQLException if the driver fails
   */
  String rawSelect(long id) throws SQLException {
    return rawSelect(id, Set.of());
  }

  /**
   * {@link #rawSelect(long)} doing also what Plinth does in {@code steps}, to tell which of
   * Plinth's differences from raw JDBC costs time. Testing the set costs a few nanoseconds.
   *
   * @throws SQLException if the driver fails
   */
  String rawSelect(long id, Set<PlinthStep> steps) throws SQLException {
    try (Connection c = raw.getConnection()) {
      if (steps.contains(PlinthStep.SET_AUTO_COMMIT)) {
        c.setAutoCommit(false);
      }
      try (PreparedStatement ps = c.prepareStatement(SELECT)) {
        if (steps.contains(PlinthStep.SET_OBJECT)) {
          ps.setObject(1, id);
        } else {
          ps.setLong(1, id);
        }
        if (steps.contains(PlinthStep.MAX_ROWS)) {
          ps.setMaxRows(2);
        }
        String name = null;
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            name = rs.getString(1);
          }
          if (steps.contains(PlinthStep.SECOND_NEXT) && rs.next()) {
            throw new IllegalStateException("more than one row with id " + id);
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

  /**
   * Drops the table, closes both pools and removes the SQLite file.
   *
   * @throws UncheckedIOException if the temporary directory cannot be removed
   */
  @Override
  public void close() {
    db.writer().run(tx -> tx.update("DROP TABLE items"));
    raw.close();
    db.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
