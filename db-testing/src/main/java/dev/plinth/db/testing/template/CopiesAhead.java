package dev.plinth.db.testing.template;

import dev.plinth.db.testing.provision.DatabaseNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a few copies of a template ready while tests run. A background thread makes new copies
 * whenever fewer than {@code depth} are ready or on their way back; another takes each used copy
 * back: reset to the template's state where the {@link CopyMaker} can (then it is ready again),
 * dropped otherwise. A test waits for neither when the server keeps up. A failure to make a copy is
 * handed to the next {@link #take()} and stops the preparation.
 */
final class CopiesAhead implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CopiesAhead.class);

  private final String template;
  private final int depth;
  private final CopyMaker maker;
  private final Consumer<String> drop;
  private final BlockingQueue<Made> ready = new LinkedBlockingQueue<>();
  private final Thread preparer;
  private final ExecutorService returns;
  private int returning;
  private volatile boolean closed;
  private RuntimeException failure;

  private record Made(String name, RuntimeException failure) {}

  /**
   * Starts preparing copies.
   *
   * @param template the template's name, for messages and thread names
   * @param depth how many copies to keep ready or coming back
   * @param maker makes, and perhaps resets, one copy
   * @param drop drops one copy
   */
  CopiesAhead(String template, int depth, CopyMaker maker, Consumer<String> drop) {
    this.template = template;
    this.depth = depth;
    this.maker = maker;
    this.drop = drop;
    this.returns = Executors.newSingleThreadExecutor(r -> daemon(r, "plinth-return-" + template));
    this.preparer = daemon(this::prepare, "plinth-copy-" + template);
    preparer.start();
  }

  /**
   * The name of a ready copy, waiting for one if none is.
   *
   * @throws IllegalStateException if copies cannot be made or the wait is interrupted
   */
  String take() {
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
    }
    try {
      Made made = ready.take();
      synchronized (this) {
        notifyAll();
        if (made.failure() != null) {
          failure = made.failure();
          throw failure;
        }
      }
      return made.name();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a copy of template " + template, e);
    }
  }

  /**
   * Takes a used copy back in the background: reset and ready again, or dropped; dropped at once
   * once this is closed.
   */
  void giveBack(String name) {
    synchronized (this) {
      if (!closed) {
        returning++;
        // Submitted under the lock, so close() cannot shut the executor down in between.
        returns.execute(() -> takeBack(name));
        return;
      }
    }
    drop.accept(name);
  }

  private void takeBack(String name) {
    try {
      if (!closed && resetQuietly(name)) {
        ready.add(new Made(name, null));
      } else {
        drop.accept(name);
      }
    } finally {
      synchronized (this) {
        returning--;
        notifyAll();
      }
    }
  }

  /** Stops preparing, waits for the copies coming back and drops every copy never handed out. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    preparer.interrupt();
    try {
      preparer.join(TimeUnit.MINUTES.toMillis(1));
      returns.shutdown();
      returns.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Made> left = new ArrayList<>();
    ready.drainTo(left);
    left.stream().filter(m -> m.name() != null).forEach(m -> drop.accept(m.name()));
  }

  private void prepare() {
    while (awaitRoom()) {
      Made made = makeOne();
      ready.add(made);
      if (made.failure() != null) {
        return;
      }
    }
  }

  /** Waits until fewer than {@code depth} copies are ready or coming back; false once closed. */
  private synchronized boolean awaitRoom() {
    try {
      while (!closed && ready.size() + returning >= depth) {
        wait();
      }
    } catch (InterruptedException e) {
      return false;
    }
    return !closed;
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

  private boolean resetQuietly(String name) {
    try {
      return maker.reset(name);
    } catch (SQLException | RuntimeException e) {
      LOG.debug(
          "cannot reset copy {} of template {}, dropping it: {}", name, template, e.toString());
      return false;
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
