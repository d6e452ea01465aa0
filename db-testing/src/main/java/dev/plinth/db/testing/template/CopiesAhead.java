package dev.plinth.db.testing.template;

import dev.plinth.db.testing.provision.DatabaseNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a few copies of a template ready, made by a background thread while tests run, and drops
 * used copies on another background thread, so that a test waits for neither when the server keeps
 * up. A failure to make a copy is handed to the next {@link #take()} and stops the preparation.
 */
final class CopiesAhead implements AutoCloseable {
  private final String template;
  private final CopyMaker maker;
  private final Consumer<String> drop;
  private final BlockingQueue<Made> ready;
  private final Thread preparer;
  private final ExecutorService dropper;
  private volatile boolean closed;
  private RuntimeException failure;

  private record Made(String name, RuntimeException failure) {}

  /**
   * Starts preparing copies.
   *
   * @param template the template's name, for messages and thread names
   * @param depth how many copies to keep ready
   * @param maker makes one copy
   * @param drop drops one copy
   */
  CopiesAhead(String template, int depth, CopyMaker maker, Consumer<String> drop) {
    this.template = template;
    this.maker = maker;
    this.drop = drop;
    this.ready = new ArrayBlockingQueue<>(depth);
    this.dropper = Executors.newSingleThreadExecutor(r -> daemon(r, "plinth-drop-" + template));
    this.preparer = daemon(this::prepare, "plinth-copy-" + template);
    preparer.start();
  }

  /**
   * The name of a ready copy, waiting for one if none is.
   *
   * @throws IllegalStateException if copies cannot be made or the wait is interrupted
   */
  synchronized String take() {
    if (failure != null) {
      throw failure;
    }
    try {
      Made made = ready.take();
      if (made.failure() != null) {
        failure = made.failure();
        throw failure;
      }
      return made.name();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a copy of template " + template, e);
    }
  }

  /** Drops a used copy in the background; {@link #close()} waits for it. */
  void dropLater(String name) {
    dropper.execute(() -> drop.accept(name));
  }

  /** Stops preparing, drops the copies never handed out and waits for every drop. */
  @Override
  public void close() {
    closed = true;
    preparer.interrupt();
    try {
      preparer.join(TimeUnit.MINUTES.toMillis(1));
      List<Made> left = new ArrayList<>();
      ready.drainTo(left);
      left.stream().filter(m -> m.name() != null).forEach(m -> dropLater(m.name()));
      dropper.shutdown();
      dropper.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void prepare() {
    while (!closed) {
      Made made = makeOne();
      try {
        ready.put(made);
      } catch (InterruptedException e) {
        if (made.name() != null) {
          drop.accept(made.name());
        }
        return;
      }
      if (made.failure() != null) {
        return;
      }
    }
  }

  private Made makeOne() {
    String name = DatabaseNames.random("plinth_");
    try {
      maker.create(name);
      return new Made(name, null);
    } catch (SQLException | RuntimeException e) {
      dropQuietly(name, e);
      return new Made(
          null,
          new IllegalStateException(
              "cannot copy template " + template + " into " + name + ": " + e.getMessage(), e));
    }
  }

  /** A copy that failed half-way may exist; the original failure is what the test needs. */
  private void dropQuietly(String name, Exception failure) {
    try {
      drop.accept(name);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
