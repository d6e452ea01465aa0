package dev.plinth.db.core.dialect.postgresql;

import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.OrphanedSession;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.dialect.WorkMark;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A session-level advisory lock ({@code pg_try_advisory_lock}), keyed by a hash of its name. It
 * belongs to the session, not to a transaction, so the holder's own work may run on other
 * connections, including {@code CREATE INDEX CONCURRENTLY}; the server drops it when the session
 * ends. Advisory locks are per database, so the same name on two databases never collides.
 *
 * <p>The holder's work sessions carry the lock's name as {@code application_name} (see {@link
 * #markWork}); one that is still active while another session holds the lock lost its holder, and
 * {@link #orphans()} lists it from {@code pg_stat_activity}.
 */
final class PostgresSessionLock implements SessionLock {
  private static final String HOLDER =
      "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start"
          + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
          + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
          + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?";

  private static final int MAX_APPLICATION_NAME = 63;
  private static final String ORPHANS =
      "SELECT pid, query, COALESCE(query_start, backend_start) AT TIME ZONE 'UTC'"
          + " FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?"
          + " AND state <> 'idle' AND pid <> pg_backend_pid() ORDER BY pid";

  private final Session session;
  private final String name;
  private final long key;
  private boolean held;

  PostgresSessionLock(Session session, String name) {
    this.session = session;
    this.name = name;
    this.key = key(name);
  }

  @Override
  public boolean tryAcquire() {
    held = held || call("SELECT pg_try_advisory_lock(?)");
    return held;
  }

  @Override
  public void release() {
    if (held) {
      call("SELECT pg_advisory_unlock(?)");
      held = false;
    }
  }

  @Override
  public String holder() {
    return session
        .queryOne(
            HOLDER,
            rs ->
                String.format(
                    "PostgreSQL backend pid %d (user %s, application_name '%s', client %s,"
                        + " connected since %s), advisory lock %d for '%s'",
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4) == null ? "local socket" : rs.getString(4),
                    rs.getObject(5),
                    key,
                    name),
            key)
        .orElseGet(
            () -> "nobody now (advisory lock " + key + " for '" + name + "' was just released)");
  }

  @Override
  public List<OrphanedSession> orphans() {
    return session.query(
        ORPHANS,
        OrphanedSession.rows(
            "PostgreSQL backend pid", pid -> "SELECT pg_terminate_backend(" + pid + ")"),
        applicationName(name));
  }

  @Override
  public void end(OrphanedSession orphan) {
    session.queryOne("SELECT pg_terminate_backend(?::int)", rs -> rs.getBoolean(1), orphan.id());
  }

  /**
   * Sets {@code application_name} to the lock's name: for the transaction when {@code tx} is in one
   * (the server restores it at commit or rollback), else for the session until the mark closes.
   */
  static WorkMark markWork(Tx tx, String name) {
    boolean inTransaction = !tx.withConnection(c -> c.getAutoCommit());
    String before =
        tx.queryOne(
                "SELECT current_setting('application_name'), set_config('application_name', ?, ?)",
                rs -> rs.getString(1),
                applicationName(name),
                inTransaction)
            .orElse("");
    if (inTransaction) {
      return WorkMark.NONE;
    }
    return () ->
        tx.queryOne(
            "SELECT set_config('application_name', ?, false)", rs -> rs.getString(1), before);
  }

  /**
   * The statement that sets {@code application_name} to the lock's name for the transaction, as
   * {@link #markWork} does in one; it returns no rows, so pgjdbc sends it with the statements after
   * it.
   */
  static String markWorkStatement(String name) {
    return "SET LOCAL application_name = '" + applicationName(name).replace("'", "''") + "'";
  }

  private static String applicationName(String name) {
    return name.length() <= MAX_APPLICATION_NAME ? name : name.substring(0, MAX_APPLICATION_NAME);
  }

  private boolean call(String sql) {
    return session.queryOne(sql, rs -> rs.getBoolean(1), key).orElse(false);
  }

  /** A non-negative 63-bit key from the name, so it splits into two 32-bit halves in pg_locks. */
  static long key(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
