package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.OrphanedSession;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.dialect.WorkMark;
import java.util.List;

/**
 * A named user lock ({@code GET_LOCK}), released by the server when the session ends. User locks
 * are server-wide, so the name is qualified with the current database. Galera clusters do not
 * replicate user locks, so on a Galera node the dialect uses {@link GaleraSessionLock} instead.
 *
 * <p>The holder's work sessions take a second user lock, the work lock (see {@link #markWork}); a
 * session that still holds it and runs a statement while another session holds this lock lost its
 * holder, and {@link #orphans()} finds it through {@code IS_USED_LOCK} and the processlist.
 */
final class MysqlSessionLock implements SessionLock {
  private static final int MAX_NAME = 64;
  private static final String HOLDER =
      "SELECT ID, USER, HOST, COMMAND, TIME, STATE FROM information_schema.PROCESSLIST"
          + " WHERE ID = ?";

  /** The work lock's name: a prefix of its own, so that a cut name never equals the lock's. */
  private static final String WORK_LOCK = "LEFT(CONCAT('plinth_work.', DATABASE(), '.', ?), 64)";

  private static final String ORPHANS =
      "SELECT ID, INFO, UTC_TIMESTAMP() - INTERVAL TIME SECOND FROM information_schema.PROCESSLIST"
          + " WHERE ID = IS_USED_LOCK("
          + WORK_LOCK
          + ") AND COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()";

  private final Session session;
  private final String name;
  private String qualified;
  private boolean held;

  MysqlSessionLock(Session session, String name) {
    this.session = session;
    this.name = name;
  }

  @Override
  public boolean tryAcquire() {
    if (!held) {
      Object got = single("SELECT GET_LOCK(?, 0)", qualified());
      held = got != null && ((Number) got).intValue() == 1;
    }
    return held;
  }

  @Override
  public void release() {
    if (held) {
      single("SELECT RELEASE_LOCK(?)", qualified());
      held = false;
    }
  }

  @Override
  public String holder() {
    Object id = single("SELECT IS_USED_LOCK(?)", qualified());
    if (id == null) {
      return "nobody now (lock '" + qualified() + "' was just released)";
    }
    long holder = ((Number) id).longValue();
    return session
        .queryOne(
            HOLDER,
            rs ->
                String.format(
                    "MySQL connection id %d (user %s, host %s, %s for %d s, state '%s'), lock '%s'",
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getString(6),
                    qualified()),
            holder)
        .orElseGet(
            () ->
                "MySQL connection id "
                    + holder
                    + " (gone from the processlist), lock '"
                    + qualified()
                    + "'");
  }

  @Override
  public List<OrphanedSession> orphans() {
    return session.query(
        ORPHANS, OrphanedSession.rows("MySQL connection id", id -> "KILL " + id), name);
  }

  @Override
  public void end(OrphanedSession orphan) {
    session.update("KILL " + orphan.id());
  }

  /**
   * Takes the work lock on {@code tx}'s session until the mark closes. Should it be taken already
   * (an orphan still running, found and waited for by the caller), the session stays unmarked.
   */
  static WorkMark markWork(Tx tx, String name) {
    Object got =
        tx.queryOne("SELECT GET_LOCK(" + WORK_LOCK + ", 0)", rs -> rs.getObject(1), name)
            .orElse(null);
    if (got == null || ((Number) got).intValue() != 1) {
      return WorkMark.NONE;
    }
    return () -> tx.queryOne("SELECT RELEASE_LOCK(" + WORK_LOCK + ")", rs -> rs.getObject(1), name);
  }

  private String qualified() {
    if (qualified == null) {
      Object database = single("SELECT DATABASE()");
      String full = database + "." + name;
      // A cut name can only make migrators of two version tables wait for each other.
      qualified = full.length() <= MAX_NAME ? full : full.substring(0, MAX_NAME);
    }
    return qualified;
  }

  private Object single(String sql, Object... args) {
    return session.queryOne(sql, rs -> rs.getObject(1), args).orElse(null);
  }
}
