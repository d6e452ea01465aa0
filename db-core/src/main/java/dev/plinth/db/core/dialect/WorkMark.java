package dev.plinth.db.core.dialect;

/**
 * Marks a session as working for the holder of a {@link SessionLock} until closed, so that the next
 * holder can find the session with {@link SessionLock#orphans()} if the marking process dies while
 * the server still runs one of its statements. Obtained from {@link Dialect#markWork}.
 */
public interface WorkMark extends AutoCloseable {

  /** A mark for backends whose sessions die with their process, so there is nothing to mark. */
  WorkMark NONE = () -> {};

  /**
   * Takes the mark off the session.
   *
   * @throws dev.plinth.db.core.error.DbException if the backend refuses the request
   */
  @Override
  void close();
}
