package dev.plinth.db.it.core;

import dev.plinth.db.core.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Provokes a real deadlock between two writers, for the tests of retries and their meters. */
final class Deadlocks {
  private Deadlocks() {}

  /**
   * Inserts the rows {@code a} and {@code b} into {@link ItemsTable}'s table, then runs two writers
   * that each add 1 to both rows' {@code qty}, taking the rows' locks in opposite orders and
   * meeting at a barrier on their first attempts, so that one of them deadlocks and, retried by the
   * database, commits after the other; returns the attempts made in all.
   *
   * @throws Exception if a writer fails for good or either takes over a minute
   */
  static int provoke(Database db) throws Exception {
    db.writer()
        .run(
            tx ->
                tx.batch(
                    "INSERT INTO items(name) VALUES (?)",
                    List.of(new Object[] {"a"}, new Object[] {"b"})));
    CyclicBarrier bothLocked = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String[] order : new String[][] {{"a", "b"}, {"b", "a"}}) {
        done.add(
            pool.submit(
                () ->
                    db.writer()
                        .run(
                            tx -> {
                              int attempt = attempts.incrementAndGet();
                              tx.update("UPDATE items SET qty = qty + 1 WHERE name = ?", order[0]);
                              if (attempt <= 2) {
                                await(bothLocked);
                              }
                              tx.update("UPDATE items SET qty = qty + 1 WHERE name = ?", order[1]);
                            })));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return attempts.get();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other transaction never took its first lock", e);
    }
  }
}
