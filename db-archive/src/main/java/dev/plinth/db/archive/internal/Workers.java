package dev.plinth.db.archive.internal;

import dev.plinth.db.archive.ArchiveException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs one action per item on a few daemon threads and waits for all of them. */
public final class Workers {
  private Workers() {}

  /**
   * Runs {@code action} for every item: in the calling thread when {@code threads} is 1 or there is
   * one item, otherwise on up to {@code threads} daemon threads named {@code name-1}, {@code
   * name-2}, …. When an action fails, {@code onFailure} runs at once (so that the others can stop
   * early); the first failure is thrown once every action has ended.
   *
   * @throws ArchiveException if the calling thread is interrupted while it waits
   */
  public static <T> void forEach(
      List<T> items, int threads, String name, Consumer<T> action, Runnable onFailure) {
    int size = Math.min(threads, items.size());
    if (size <= 1) {
      items.forEach(action);
      return;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            size,
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (T item : items) {
        tasks.add(pool.submit(() -> run(action, item, onFailure)));
      }
      Throwable failure = null;
      for (Future<?> task : tasks) {
        try {
          task.get();
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
        }
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      onFailure.run();
      throw new ArchiveException("interrupted while archiving; committed batches stay");
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> void run(Consumer<T> action, T item, Runnable onFailure) {
    try {
      action.accept(item);
    } catch (RuntimeException | Error e) {
      onFailure.run();
      throw e;
    }
  }
}
