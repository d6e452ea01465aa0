package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.CommitOutcomeUnknownException;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.it.core.CommitCuttingProxy.Cut;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection that dies at its transaction's COMMIT, cut by a proxy between Plinth and the real
 * server: when the server committed but its answer was lost, the call returns its value and the
 * work ran once; when the COMMIT never reached the server, the work runs again and its row exists
 * once. MySQL/MariaDB with {@code mysql_commit_markers} on; pgjdbc with {@code prepareThreshold=0},
 * so that every COMMIT travels as text the proxy can see. When the server stays unreachable after a
 * lost acknowledgement, the call ends in {@link CommitOutcomeUnknownException} after the 30 s
 * bound, without a retry (PostgreSQL only, to keep the suite's time).
 */
class LostCommitAcknowledgementTest {

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void aCommitWhoseAcknowledgementIsLostReturnsItsValueAndRunsOnceOnServerBackends(TestDatabase tdb)
      throws Exception {
    assertThat(runsOfAnInsertCut(tdb, Cut.AFTER_COMMIT)).as("runs of the work").isEqualTo(1);
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void aConnectionCutBeforeItsCommitReachesTheServerIsRetriedAndWritesOnceOnServerBackends(
      TestDatabase tdb) throws Exception {
    assertThat(runsOfAnInsertCut(tdb, Cut.BEFORE_COMMIT)).as("runs of the work").isEqualTo(2);
  }

  @AllBackends(Backend.POSTGRESQL)
  void aLostCommitWhoseServerStaysUnreachableEndsInOutcomeUnknownWithoutRetryOnPostgresql(
      TestDatabase tdb) throws Exception {
    try (CommitCuttingProxy proxy = proxy(tdb)) {
      // Plinth's own pool in both executions: a service's pool would answer the look-up on one of
      // its idle connections, opened before the proxy began refusing.
      Database db =
          tdb.track(
              Database.builder().config(tdb.config().connection(url(tdb, proxy)).build()).build());
      createTable(db);
      AtomicInteger runs = new AtomicInteger();
      proxy.arm(Cut.AFTER_COMMIT);
      proxy.refuseNewConnections();
      assertThatThrownBy(
              () ->
                  db.writer()
                      .run(
                          tx -> {
                            runs.incrementAndGet();
                            tx.update("INSERT INTO acks (name) VALUES ('unknown')");
                          }))
          .isInstanceOf(CommitOutcomeUnknownException.class)
          .hasCauseInstanceOf(DbConnectionException.class);
      assertThat(proxy.fired()).isEqualTo(Cut.AFTER_COMMIT);
      assertThat(runs).as("runs of the work").hasValue(1);
      try (Connection direct = DriverManager.getConnection(tdb.url());
          Statement s = direct.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM acks WHERE name = 'unknown'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("rows written, in fact").isEqualTo(1);
      }
    }
  }

  /**
   * Runs a writer that inserts one row and returns 42 while the proxy cuts its COMMIT as {@code
   * cut}; checks the cut happened, the value came back and the row exists once.
   *
   * @return how many times the transaction's work ran
   */
  private static int runsOfAnInsertCut(TestDatabase tdb, Cut cut) throws Exception {
    try (CommitCuttingProxy proxy = proxy(tdb)) {
      Database db = open(tdb, proxy);
      AtomicInteger runs = new AtomicInteger();
      proxy.arm(cut);
      long value =
          db.writer()
              .call(
                  tx -> {
                    runs.incrementAndGet();
                    tx.update("INSERT INTO acks (name) VALUES (?)", "cut");
                    return 42L;
                  });
      assertThat(proxy.fired()).isEqualTo(cut);
      assertThat(value).isEqualTo(42);
      assertThat(db.reader().<Long>call(tx -> tx.count("SELECT name FROM acks WHERE name = 'cut'")))
          .as("rows written")
          .isEqualTo(1);
      return runs.get();
    }
  }

  private static CommitCuttingProxy proxy(TestDatabase tdb) throws Exception {
    return new CommitCuttingProxy(tdb.url(), tdb.backend() == Backend.POSTGRESQL ? 5432 : 3306);
  }

  private static Database open(TestDatabase tdb, CommitCuttingProxy proxy) {
    Database db =
        tdb.open(
            b ->
                b.connection(url(tdb, proxy))
                    .mysqlCommitMarkers(true)
                    .dbMaxRetries(3)
                    .dbRetryInterval(Duration.ofMillis(50)));
    createTable(db);
    return db;
  }

  private static void createTable(Database db) {
    db.writer().run(tx -> tx.update("CREATE TABLE acks (name VARCHAR(40) NOT NULL PRIMARY KEY)"));
  }

  /** The proxy's URL; on PostgreSQL without server-side prepared statements. */
  private static String url(TestDatabase tdb, CommitCuttingProxy proxy) {
    String url = proxy.url();
    if (tdb.backend() != Backend.POSTGRESQL) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
  }
}
