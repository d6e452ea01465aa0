package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Adding an item whose new tag another transaction is creating at the same moment: the add waits on
 * the other transaction's uncommitted tag, fails on {@code uniq_tags0name} when it commits, and is
 * retried whole by db-core (the inventory's {@code retryIf}), finding the tag the second time.
 * SQLite has a single writer, so the two cannot overlap there.
 */
class ConcurrentTaggingTest {

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void anAddMeetingATagCreatedMeanwhileIsRetriedOnServerBackends(TestDatabase tdb)
      throws Exception {
    Database db =
        Migrated.atHeads(tdb.open(b -> b.dbMaxRetries(3).dbRetryInterval(Duration.ofMillis(100))));
    Inventory inventory = new Inventory(db);
    CountDownLatch tagInserted = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> other =
          threads.submit(
              () ->
                  db.writer()
                      .run(
                          tx -> {
                            tx.mapper(ItemMapper.class).addTag("m6", Timestamp.from(Instant.now()));
                            tagInserted.countDown();
                            await(commit);
                          }));
      assertThat(tagInserted.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Long> add = threads.submit(() -> inventory.add("bolt", 1, List.of("m6")));
      awaitOneLockWait(db, tdb.backend());
      commit.countDown();
      other.get(10, TimeUnit.SECONDS);
      add.get(10, TimeUnit.SECONDS);
    } finally {
      commit.countDown();
      threads.shutdownNow();
    }

    assertThat(inventory.find("bolt")).map(Item::tags).hasValue(List.of("m6"));
    long tags = db.reader().call(tx -> tx.count("SELECT * FROM tags"));
    assertThat(tags).isEqualTo(1);
  }

  private static void awaitOneLockWait(Database db, Backend backend) throws InterruptedException {
    String waiting =
        backend == Backend.POSTGRESQL
            ? "SELECT * FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'"
            : "SELECT * FROM information_schema.INNODB_TRX t"
                + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                + " WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()";
    for (int i = 0; i < 200; i++) {
      if (db.reader().call(tx -> tx.count(waiting)) > 0) {
        return;
      }
      // InnoDB refreshes INNODB_TRX only when it was not read in the last 0.1 s.
      Thread.sleep(150);
    }
    throw new AssertionError("the add never waited for the other transaction's tag");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the tag's transaction commit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
