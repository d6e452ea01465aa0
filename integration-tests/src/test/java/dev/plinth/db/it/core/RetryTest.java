package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.TransactionScope;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class RetryTest {

  private static Database retrying(TestDatabase tdb) {
    return tdb.open(b -> b.dbMaxRetries(5).dbRetryInterval(Duration.ofMillis(50)).maxPoolSize(4));
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void writerWhoseConnectionIsKilledMidTransactionSucceedsOnRetryOnServerBackends(
      TestDatabase tdb) {
    Database db = retrying(tdb);
    ItemsTable.create(db);
    AtomicInteger attempts = new AtomicInteger();
    db.writer()
        .run(
            tx -> {
              tx.update("INSERT INTO items(name) VALUES (?)", "once");
              if (attempts.incrementAndGet() == 1) {
                killOwnSession(tdb, tx.connection());
              }
              tx.update("UPDATE items SET qty = qty + 1 WHERE name = ?", "once");
            });
    assertThat(attempts).hasValue(2);
    assertThat(db.reader().<Long>call(tx -> tx.count("SELECT * FROM items WHERE name = 'once'")))
        .isEqualTo(1);
    assertThat(
            db.reader()
                .<Integer>call(
                    tx -> tx.queryOne("SELECT qty FROM items", rs -> rs.getInt(1)).orElseThrow()))
        .isEqualTo(1);
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void idleConnectionKilledInThePoolIsReplacedWithoutARetryOnServerBackends(TestDatabase tdb)
      throws InterruptedException {
    Database db = tdb.open(b -> b.maxPoolSize(1));
    ItemsTable.create(db);
    long session = db.reader().call(tx -> tdb.sessionId(tx.connection()));
    tdb.terminate(session);
    Thread.sleep(700);
    db.writer().run(tx -> tx.update("INSERT INTO items(name) VALUES ('after-kill')"));
    assertThat(ItemsTable.names(db)).containsExactly("after-kill");
    assertThat(db.reader().<Long>call(tx -> tdb.sessionId(tx.connection()))).isNotEqualTo(session);
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void killedConnectionWithoutRetriesRaisesDbConnectionExceptionOnServerBackends(TestDatabase tdb) {
    Database db = tdb.open();
    ItemsTable.create(db);
    ItemsTable.assertWriterFails(
            db,
            tx -> {
              killOwnSession(tdb, tx.connection());
              tx.update("INSERT INTO items(name) VALUES ('lost')");
            })
        .isInstanceOf(DbConnectionException.class);
    assertThat(ItemsTable.names(db)).isEmpty();
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void twoTransactionsThatReallyDeadlockBothCommitOnServerBackends(TestDatabase tdb)
      throws Exception {
    Database db = retrying(tdb);
    ItemsTable.create(db);
    int attempts = Deadlocks.provoke(db);
    assertThat(attempts).isGreaterThanOrEqualTo(3);
    assertThat(
            db.reader()
                .<List<Integer>>call(tx -> tx.query("SELECT qty FROM items", rs -> rs.getInt(1))))
        .containsExactly(2, 2);
  }

  @AllBackends
  void duplicateEntryIsNeverRetried(TestDatabase tdb) {
    Database db = retrying(tdb);
    ItemsTable.create(db);
    db.writer().run(tx -> tx.update("INSERT INTO items(name) VALUES ('dup')"));
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(
                        tx -> {
                          attempts.incrementAndGet();
                          tx.update("INSERT INTO items(name) VALUES ('dup')");
                        }))
        .isInstanceOf(DuplicateEntryException.class);
    assertThat(attempts).hasValue(1);
  }

  @AllBackends
  void exhaustedRetriesRaiseTheLastFailure(TestDatabase tdb) {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retryingIllegalState(twoQuickRetries(tdb))
                    .run(
                        tx -> {
                          throw new IllegalStateException("attempt " + attempts.incrementAndGet());
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("attempt 3");
  }

  @AllBackends
  void nestedBlocksAreNotRetriedOnTheirOwn(TestDatabase tdb) {
    Database db = twoQuickRetries(tdb);
    AtomicInteger outer = new AtomicInteger();
    AtomicInteger inner = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retryingIllegalState(db)
                    .run(
                        tx -> {
                          outer.incrementAndGet();
                          db.writer()
                              .retryIf(e -> true)
                              .run(
                                  nested -> {
                                    inner.incrementAndGet();
                                    throw new IllegalStateException("inner");
                                  });
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(outer).hasValue(3);
    assertThat(inner).hasValue(3);
  }

  /** A database on {@code tdb} that retries a failed transaction twice, 10 ms apart. */
  private static Database twoQuickRetries(TestDatabase tdb) {
    return tdb.open(b -> b.dbMaxRetries(2).dbRetryInterval(Duration.ofMillis(10)));
  }

  /** The writer of {@code db}, retrying on {@link IllegalStateException}. */
  private static TransactionScope retryingIllegalState(Database db) {
    return db.writer().retryIf(e -> e instanceof IllegalStateException);
  }

  private static void killOwnSession(TestDatabase tdb, java.sql.Connection c) {
    tdb.terminate(tdb.sessionId(c));
  }
}
