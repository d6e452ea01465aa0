package dev.plinth.db.core.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What identifies one transaction's commit, from {@link CommitCheck#mark}: it commits the
 * transaction and, if the acknowledgement is lost with the connection, looks up on another
 * connection what became of it.
 */
public interface CommitMark {

  /** What a look-up found. */
  enum Outcome {
    /** The transaction committed. */
    COMMITTED,
    /** The transaction rolled back, or never reached COMMIT; running it again is safe. */
    ROLLED_BACK,
    /** The server is still ending the transaction; ask again shortly. */
    PENDING,
    /** The server cannot tell any more (its record of the transaction is gone). */
    UNKNOWN
  }

  /**
   * Commits the marked transaction on its own connection; a plain {@link Connection#commit()}
   * unless the mark travels with the COMMIT.
   *
   * @throws SQLException if the commit fails or its acknowledgement is lost
   */
  default void commit(Connection c) throws SQLException {
    c.commit();
  }

  /**
   * Looks up the transaction's outcome on {@code other}, a live connection to the same database.
   *
   * @throws SQLException if the look-up fails; it may be tried again on another connection
   */
  Outcome outcome(Connection other) throws SQLException;
}
