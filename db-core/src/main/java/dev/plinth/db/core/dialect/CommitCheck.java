package dev.plinth.db.core.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a backend tells, after a transaction's connection died during its COMMIT, whether the
 * transaction committed: just before COMMIT the running transaction gets a {@link CommitMark},
 * which another connection can later look up. Obtained once per database from {@link
 * Dialect#commitCheck}, so an implementation may keep what it learns about each physical
 * connection. SQLite, embedded, cannot lose an acknowledgement and needs {@link #NONE}.
 */
@FunctionalInterface
public interface CommitCheck {

  /** For backends whose commits are never in doubt: nothing to mark. */
  CommitCheck NONE = c -> null;

  /**
   * Marks the transaction running on {@code c}, just before it commits.
   *
   * @return the mark, or {@code null} when the transaction needs none (it changed nothing)
   * @throws SQLException if the mark cannot be taken; the transaction has not committed then
   */
  CommitMark mark(Connection c) throws SQLException;
}
