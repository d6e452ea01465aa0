package dev.plinth.db.core.dialect;

import java.util.List;

/**
 * A named lock that at most one session of a database holds at a time and that the backend releases
 * by itself when the holding connection or process dies, so a crash never leaves it stuck. Obtained
 * from {@link Dialect#sessionLock(dev.plinth.db.core.Session, String)} on a session dedicated to
 * it. Not thread-safe: one instance belongs to one holder.
 */
public interface SessionLock {

  /**
   * Tries once to take the lock, without waiting.
   *
   * @return true if this instance now holds the lock
   * @throws dev.plinth.db.core.error.DbException if the backend refuses the request
   */
  boolean tryAcquire();

  /**
   * Gives the lock up; does nothing if this instance does not hold it.
   *
   * @throws dev.plinth.db.core.error.DbException if the backend refuses the request
   */
  void release();

  /**
   * Describes who holds the lock now (session, client address, since when), for the message of a
   * lock wait that timed out.
   *
   * @throws dev.plinth.db.core.error.DbException if the backend's catalogue cannot be read
   */
  String holder();

  /**
   * The server sessions marked with {@link Dialect#markWork} for this lock that still run a
   * statement although their lock holder is gone. Call it only while holding the lock: then no live
   * holder can own such a session. Backends whose sessions die with their process have none.
   *
   * @throws dev.plinth.db.core.error.DbException if the backend's catalogue cannot be read
   */
  default List<OrphanedSession> orphans() {
    return List.of();
  }

  /**
   * Asks the server to end {@code orphan} ({@code pg_terminate_backend}, {@code KILL}); returns at
   * once, the session may take a moment to go.
   *
   * @throws dev.plinth.db.core.error.DbException if the server refuses
   */
  default void end(OrphanedSession orphan) {
    throw new IllegalStateException("this backend has no server sessions to end: " + orphan);
  }
}
