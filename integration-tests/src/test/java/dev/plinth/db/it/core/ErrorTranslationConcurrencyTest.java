package dev.plinth.db.it.core;

import static dev.plinth.db.it.core.ErrorSchema.expect;
import static dev.plinth.db.it.core.ErrorSchema.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Dialects;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DeadlockException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Lock conflicts and lost connections provoked for real: two threads deadlocking, a lock held by a
 * second connection, a session ended from the server side.
 */
class ErrorTranslationConcurrencyTest {
  private static final long WAIT_SECONDS = 30;

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void opposingLockOrderDeadlocksExactlyOneWriterOnPostgresqlAndMysql(Database db)
      throws Exception {
    ErrorSchema.create(db);
    write(db, "INSERT INTO parents (id, name, qty) VALUES (2, 'nut', 1)");
    CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> writers =
          List.of(
              threads.submit(() -> lockBoth(db, 1, 2, bothHoldOneRow)),
              threads.submit(() -> lockBoth(db, 2, 1, bothHoldOneRow)));
      List<Throwable> failures = new ArrayList<>();
      for (Future<?> writer : writers) {
        try {
          writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      assertThat(failures).hasSize(1);
      assertThat(failures.get(0)).isInstanceOf(DeadlockException.class);
      assertThat(failures.get(0).getMessage()).containsIgnoringCase("deadlock");
    } finally {
      threads.shutdownNow();
    }
  }

  private static void lockBoth(Database db, int first, int second, CyclicBarrier barrier) {
    db.writer()
        .run(
            tx -> {
              tx.update("UPDATE parents SET qty = qty + 1 WHERE id = ?", first);
              try {
                barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException("the other writer never locked its row", e);
              }
              tx.update("UPDATE parents SET qty = qty + 1 WHERE id = ?", second);
            });
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void lockWaitTimeoutIsADeadlockOnPostgresqlAndMysql(
      TestDatabase testDb, Database db, Backend backend) throws SQLException {
    ErrorSchema.create(db);
    try (Connection holder = DriverManager.getConnection(testDb.url())) {
      holder.setAutoCommit(false);
      execute(holder, "UPDATE parents SET qty = 5 WHERE id = 1");
      String shortWait =
          backend == Backend.POSTGRESQL
              ? "SET LOCAL lock_timeout = '200ms'"
              : "SET SESSION innodb_lock_wait_timeout = 1";
      DeadlockException e =
          expect(
              DeadlockException.class,
              db,
              tx -> {
                tx.update(shortWait);
                tx.update("UPDATE parents SET qty = 6 WHERE id = 1");
              });
      assertThat(e.getMessage()).containsIgnoringCase("lock");
      assertThat(e.getMessage()).containsIgnoringCase("timeout");
      holder.rollback();
    }
  }

  @AllBackends(Backend.POSTGRESQL)
  void serializationFailureIsADeadlockOnPostgresql(TestDatabase testDb, Database db)
      throws SQLException {
    ErrorSchema.create(db);
    try (Connection other = DriverManager.getConnection(testDb.url())) {
      DeadlockException e =
          expect(
              DeadlockException.class,
              db,
              tx -> {
                tx.update("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                tx.query("SELECT qty FROM parents WHERE id = 1", rs -> rs.getInt(1));
                execute(other, "UPDATE parents SET qty = 9 WHERE id = 1");
                tx.update("UPDATE parents SET qty = 10 WHERE id = 1");
              });
      assertThat(e.getMessage()).contains("could not serialize access");
    }
  }

  /**
   * SQLite has no row locks and no deadlock detection: a second writer waits for the file lock up
   * to its busy timeout and then fails with SQLITE_BUSY. Both sides are plain connections, because
   * an idle pooled Plinth SQLite connection already holds the write lock (see the report on
   * SqliteDialect's IMMEDIATE transactions); the error is translated by the dialect itself.
   */
  @AllBackends(Backend.SQLITE)
  void sqliteSecondWriterPastItsBusyTimeoutIsADeadlock(TestDatabase testDb) throws SQLException {
    Properties impatient = new Properties();
    impatient.setProperty("busy_timeout", "100");
    try (Connection holder = DriverManager.getConnection(testDb.url());
        Connection second = DriverManager.getConnection(testDb.url(), impatient)) {
      execute(holder, "CREATE TABLE t (x INTEGER)");
      holder.setAutoCommit(false);
      execute(holder, "INSERT INTO t VALUES (1)");
      SQLException busy =
          expect(
              SQLException.class,
              () -> second.createStatement().execute("INSERT INTO t VALUES (2)"));
      DbException translated = Dialects.forUrl(testDb.url()).translate(busy);
      assertThat(translated)
          .isInstanceOf(DeadlockException.class)
          .hasMessageContaining("SQLITE_BUSY");
      assertThat(translated.getCause()).isSameAs(busy);
      holder.rollback();
    }
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void sessionEndedByTheServerIsAConnectionErrorOnPostgresqlAndMysql(
      TestDatabase testDb, Database db, Backend backend) {
    DbConnectionException e =
        expect(
            DbConnectionException.class,
            db,
            tx -> {
              endSession(testDb, backend, tx.connection());
              tx.query("SELECT 1", rs -> rs.getInt(1));
            });
    // pgjdbc reports the server's FATAL 57P01 first and its own I/O error (08006) as the next one.
    assertThat(e.getMessage())
        .contains(
            backend == Backend.POSTGRESQL
                ? "terminating connection due to administrator command"
                : "Socket error");
  }

  /** Ends the connection's session from another connection and waits until the server drops it. */
  private static void endSession(TestDatabase testDb, Backend backend, Connection c) {
    String stillThere =
        backend == Backend.POSTGRESQL
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?"
            : "SELECT COUNT(*) FROM information_schema.processlist WHERE id = ?";
    try {
      long session = testDb.sessionId(c);
      testDb.terminate(session);
      try (Connection admin = DriverManager.getConnection(testDb.url());
          PreparedStatement ps = admin.prepareStatement(stillThere)) {
        ps.setLong(1, session);
        for (int i = 0; i < 100 && count(ps) > 0; i++) {
          Thread.sleep(50);
        }
        assertThat(count(ps)).as("session %d still open", session).isZero();
      }
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException("cannot end session", e);
    }
  }

  private static long count(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("setup statement failed: " + sql, e);
    }
  }
}
