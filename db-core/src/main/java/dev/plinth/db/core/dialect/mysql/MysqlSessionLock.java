package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.Session;
import dev.plinth.db.core.dialect.SessionLock;

/**
 * A named user lock ({@code GET_LOCK}), released by the server when the session ends. User locks
 * are server-wide, so the name is qualified with the current database. Galera clusters do not
 * replicate user locks: point every migrator at the same node.
 */
final class MysqlSessionLock implements SessionLock {
  private static final int MAX_NAME = 64;
  private static final String HOLDER =
      "SELECT ID, USER, HOST, COMMAND, TIME, STATE FROM information_schema.PROCESSLIST"
          + " WHERE ID = ?";

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
