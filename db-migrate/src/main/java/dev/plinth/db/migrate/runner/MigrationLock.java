package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.MigrationLockTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migrator at a time per database and version table. The lock is the dialect's {@link
 * SessionLock}, held in a {@link Session} of its own, outside the pools: it dies with the process
 * (a crashed or killed migrator never leaves it stuck), and the migration's own statements run on
 * other connections without ever waiting for it, so non-transactional statements such as {@code
 * CREATE INDEX CONCURRENTLY} work. Waiting polls until the lock timeout.
 */
public final class MigrationLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
  private static final long POLL_MILLIS = 200;

  private final Session session;
  private final SessionLock lock;

  private MigrationLock(Session session, SessionLock lock) {
    this.session = session;
    this.lock = lock;
  }

  /**
   * Takes the lock called {@code name}, waiting up to {@code timeout}.
   *
   * @throws MigrationLockTimeoutException if another migrator still holds it after {@code timeout};
   *     the message names that migrator
   * @throws DbException if the lock connection fails
   */
  public static MigrationLock acquire(Database db, String name, Duration timeout) {
    Session session = db.openSession();
    try {
      MigrationLock held = new MigrationLock(session, db.dialect().sessionLock(session, name));
      held.await(name, timeout);
      return held;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private void await(String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean announced = false;
    try {
      while (!lock.tryAcquire()) {
        if (System.nanoTime() - deadline >= 0) {
          throw new MigrationLockTimeoutException(
              "migration lock '"
                  + name
                  + "' not acquired within "
                  + timeout
                  + ": held by "
                  + lock.holder()
                  + ". Wait for that migrator to finish, or end it;"
                  + " the lock is released when its connection closes.");
        }
        if (!announced) {
          LOG.info(
              "waiting up to {} for migration lock '{}' held by {}", timeout, name, lock.holder());
          announced = true;
        }
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException("interrupted while waiting for migration lock '" + name + "'");
    }
    LOG.debug("migration lock '{}' acquired", name);
  }

  /** Releases the lock and closes its session; closing alone would release it as well. */
  @Override
  public void close() {
    try (Session s = session) {
      lock.release();
    } catch (DbException e) {
      LOG.warn(
          "releasing the migration lock failed ({}); closing its connection releases it",
          e.getMessage());
    }
  }
}
