package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.dialect.CommitCheck;
import dev.plinth.db.core.dialect.CommitMark;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Commit markers for MySQL and MariaDB, which cannot look up a transaction by its id: each physical
 * connection owns one row of {@value #TABLE}, keyed by a random number Plinth draws for it, and
 * each transaction upserts a fresh random token into that row in the same round trip as its COMMIT
 * (a pipelined batch of the upsert and COMMIT). The row holds the new token exactly when the
 * transaction committed; a locking read with {@code NOWAIT} on another connection tells a
 * transaction still committing (the row is locked) from one that ended. Random keys rather than
 * {@code CONNECTION_ID()}, which repeats across Galera nodes and server restarts; no XA, which
 * Galera lacks. See {@code docs/decisions/0013-lost-commit-acknowledgements.md}.
 */
final class MysqlCommitMarkers implements CommitCheck {
  /** The marker table; created on each new connection when markers are on. */
  static final String TABLE = "plinth_commit_markers";

  /** Creates the table; a row untouched for a day belongs to a connection long gone. */
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + " (connection_key BIGINT NOT NULL PRIMARY KEY, token BIGINT NOT NULL,"
          + " updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)"
          + " ENGINE=InnoDB";

  /** Forgets the rows of connections that have not committed for a day. */
  static final String FORGET_OLD_ROWS =
      "DELETE FROM " + TABLE + " WHERE updated_at < NOW() - INTERVAL 1 DAY";

  /** MariaDB's and MySQL's answers to a NOWAIT read of a locked row. */
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  private static final int LOCK_NOWAIT = 3572;

  private final Map<Connection, Long> keys = Collections.synchronizedMap(new WeakHashMap<>());
  private final SecureRandom random = new SecureRandom();

  @Override
  public CommitMark mark(Connection c) throws SQLException {
    Connection physical = c.unwrap(Connection.class);
    Long key = keys.computeIfAbsent(physical, ignored -> random.nextLong());
    return new Marker(key, ThreadLocalRandom.current().nextLong());
  }

  /** One transaction's token in its connection's row. */
  private record Marker(long key, long token) implements CommitMark {
    @Override
    public void commit(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.addBatch(
            "INSERT INTO "
                + TABLE
                + " (connection_key, token) VALUES ("
                + key
                + ", "
                + token
                + ") ON DUPLICATE KEY UPDATE token = "
                + token);
        s.addBatch("COMMIT");
        s.executeBatch();
      }
      // The driver saw the COMMIT end the transaction, so this sends nothing; it tells a pool
      // that the connection has no open transaction left.
      c.commit();
    }

    @Override
    public Outcome outcome(Connection other) throws SQLException {
      try (PreparedStatement ps =
          other.prepareStatement(
              "SELECT token FROM " + TABLE + " WHERE connection_key = ? FOR UPDATE NOWAIT")) {
        ps.setLong(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getLong(1) == token ? Outcome.COMMITTED : Outcome.ROLLED_BACK;
        }
      } catch (SQLException e) {
        if (e.getErrorCode() == LOCK_WAIT_TIMEOUT || e.getErrorCode() == LOCK_NOWAIT) {
          return Outcome.PENDING;
        }
        throw e;
      }
    }
  }
}
