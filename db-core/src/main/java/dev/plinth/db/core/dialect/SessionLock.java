package dev.plinth.db.core.dialect;

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
}
