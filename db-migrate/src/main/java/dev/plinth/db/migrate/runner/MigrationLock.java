package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.dialect.OrphanedSession;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.MigrationLockTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migrator at a time per database and version table. The lock is the dialect's {@link
 * SessionLock}, held in a {@link Session} of its own, outside the pools: it dies with the process
 * (a crashed or killed migrator never leaves it stuck), and the migration's own statements run on
 * other connections without ever waiting for it, so non-transactional statements such as {@code
 * CREATE INDEX CONCURRENTLY} work. Waiting polls until the lock timeout.
 *
 * <p>A killed migrator's statement may go on running on the server after its lock is gone, holding
 * the table locks of a revision that will never commit. Once the lock is taken, such orphaned work
 * (marked by the dialect's {@code markWork}, see decision 0011) is named in one WARN and waited
 * for, or ended when asked, before anything reads the version table.
 */
public final class MigrationLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
  private static final long POLL_MILLIS = 200;

  private final Session session;
  private final SessionLock lock;
  private final String name;

  private MigrationLock(Session session, SessionLock lock, String name) {
    this.session = session;
    this.lock = lock;
    this.name = name;
  }

  /**
   * Takes the lock called {@code name}, waiting up to {@code timeout}; orphaned work is waited for.
   *
   * @throws MigrationLockTimeoutException if another migrator still holds it after {@code timeout};
   *     the message names that migrator
   * @throws DbException if the lock connection fails
   */
  public static MigrationLock acquire(Database db, String name, Duration timeout) {
    return acquire(db, name, timeout, false);
  }

  /**
   * Takes the lock called {@code name}, then waits until no orphaned work of an earlier holder runs
   * on the server, all within {@code timeout}.
   *
   * @param endOrphans whether to end orphaned work ({@code pg_terminate_backend}, {@code KILL})
   *     instead of waiting for it to finish on its own
   * @throws MigrationLockTimeoutException if another migrator still holds the lock, or orphaned
   *     work still runs, after {@code timeout}; the message names it
   * @throws DbException if the lock connection fails
   */
  public static MigrationLock acquire(
      Database db, String name, Duration timeout, boolean endOrphans) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Session session = db.openSession();
    try {
      MigrationLock held =
          new MigrationLock(session, db.dialect().sessionLock(session, name), name);
      held.await(timeout, deadline);
      held.clearOrphans(timeout, deadline, endOrphans);
      return held;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private void await(Duration timeout, long deadline) {
    boolean announced = false;
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
      pause();
    }
    LOG.debug("migration lock '{}' acquired", name);
  }

  private void clearOrphans(Duration timeout, long deadline, boolean endOrphans) {
    List<OrphanedSession> orphans = lock.orphans();
    if (orphans.isEmpty()) {
      return;
    }
    LOG.warn(
        "migration lock '{}' taken, but work of a migrator that lost it still runs on the server:"
            + " {}. It may hold locks the revisions need, so nothing runs until it ends; {}",
        name,
        describe(orphans),
        endOrphans
            ? "ending it (end orphans is on)"
            : "waiting up to "
                + timeout
                + " for it. To end it, run "
                + endStatements(orphans)
                + " or migrate with --end-orphaned (Migrator.builder().endOrphans(true))");
    if (endOrphans) {
      orphans.forEach(lock::end);
    }
    while (!(orphans = lock.orphans()).isEmpty()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new MigrationLockTimeoutException(
            "migration lock '"
                + name
                + "' taken, but work of a migrator that lost it still ran after "
                + timeout
                + ": "
                + describe(orphans)
                + ". End it ("
                + endStatements(orphans)
                + ") or migrate with --end-orphaned (Migrator.builder().endOrphans(true)).");
      }
      pause();
    }
    LOG.info("the orphaned work under migration lock '{}' has ended; migrating", name);
  }

  private static String describe(List<OrphanedSession> orphans) {
    return orphans.stream().map(OrphanedSession::describe).collect(Collectors.joining("; "));
  }

  private static String endStatements(List<OrphanedSession> orphans) {
    return orphans.stream().map(OrphanedSession::endStatement).collect(Collectors.joining("; "));
  }

  private void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException("interrupted while waiting for migration lock '" + name + "'");
    }
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
