package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.Session;
import dev.plinth.db.core.dialect.OrphanedSession;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DeadlockException;
import dev.plinth.db.core.error.DuplicateEntryException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock that holds across a MariaDB Galera cluster, where {@code GET_LOCK} is granted by each node
 * on its own (see decision 0017). The lock is a row of {@value #TABLE}, claimed by an INSERT (or,
 * from a dead holder, a conditional UPDATE) in auto-commit: certification orders the claims of all
 * nodes, so exactly one commits and the others fail with a duplicate key, a certification conflict
 * or no row changed.
 *
 * <p>The row names its holder: the node's Galera UUID, name and address, the connection id there
 * and a counter that the holder raises every {@link #BEAT} from a thread of its own. A waiter takes
 * the lock over when the holder is verifiably gone (its node has left the cluster, or it was on the
 * waiter's node and its connection has ended), or when the counter has not moved for {@link #LEASE}
 * by the waiter's own monotonic clock. Only reads that start after the lease began count, and they
 * wait for the node to have applied everything committed before them ({@code wsrep_sync_wait}), so
 * a cluster stalled by a long total-order DDL delays the waiter's reads with the holder's beats; no
 * wall clock of any node is compared, so clock skew plays no part.
 *
 * <p>Orphaned work is found as on a single server (see {@link MysqlSessionLock}), on the waiter's
 * node only.
 */
final class GaleraSessionLock implements SessionLock {
  /** The lock table, one row per held lock. */
  static final String TABLE = "plinth_lock";

  /** How often the holder raises its counter. */
  static final Duration BEAT = Duration.ofSeconds(2);

  /** How long a counter that does not move means a dead holder. */
  static final Duration LEASE = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(GaleraSessionLock.class);
  private static final String CREATE =
      "CREATE TABLE IF NOT EXISTS "
          + TABLE
          + " (name VARCHAR(64) NOT NULL PRIMARY KEY, token CHAR(36) NOT NULL,"
          + " node_uuid VARCHAR(64) NOT NULL, node_name VARCHAR(64) NOT NULL,"
          + " node_address VARCHAR(255) NOT NULL, connection_id BIGINT NOT NULL,"
          + " client VARCHAR(255) NOT NULL, acquired_at DATETIME(6) NOT NULL,"
          + " beat_at DATETIME(6) NOT NULL, beats BIGINT NOT NULL) ENGINE=InnoDB";
  private static final String CLAIM =
      "INSERT INTO "
          + TABLE
          + " (name, token, node_uuid, node_name, node_address, connection_id, client,"
          + " acquired_at, beat_at, beats)"
          + " VALUES (?, ?, ?, ?, ?, CONNECTION_ID(), USER(), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), 0)";
  private static final String TAKE_OVER =
      "UPDATE "
          + TABLE
          + " SET token = ?, node_uuid = ?, node_name = ?, node_address = ?,"
          + " connection_id = CONNECTION_ID(), client = USER(), acquired_at = UTC_TIMESTAMP(6),"
          + " beat_at = UTC_TIMESTAMP(6), beats = 0 WHERE name = ? AND token = ? AND beats = ?";
  private static final String READ =
      "SELECT token, node_uuid, node_name, node_address, connection_id, client, acquired_at,"
          + " beat_at, beats FROM "
          + TABLE
          + " WHERE name = ?";
  private static final String NODE =
      "SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
          + " WHERE VARIABLE_NAME = 'WSREP_GCOMM_UUID'), @@wsrep_node_name,"
          + " @@wsrep_node_incoming_address";

  private final Session session;
  private final String name;
  private final MysqlSessionLock local;
  private final String token = UUID.randomUUID().toString();
  private Node node;
  private Holding seen;
  private long seenSince;
  private ScheduledExecutorService heart;

  /** The node the lock session is on. */
  private record Node(String uuid, String name, String address) {}

  /** The lock row as a waiter read it. */
  private record Holding(
      String token,
      String nodeUuid,
      String nodeName,
      String nodeAddress,
      long connectionId,
      String client,
      String acquiredAt,
      String beatAt,
      long beats) {

    boolean sameBeat(Holding other) {
      return token.equals(other.token) && beats == other.beats;
    }
  }

  GaleraSessionLock(Session session, String name) {
    this.session = session;
    this.name = name;
    this.local = new MysqlSessionLock(session, name);
  }

  @Override
  public synchronized boolean tryAcquire() {
    if (heart != null) {
      return true;
    }
    if (node == null) {
      session.update("SET SESSION wsrep_sync_wait = 1");
      session.update(CREATE);
      node =
          session
              .queryOne(NODE, rs -> new Node(rs.getString(1), rs.getString(2), rs.getString(3)))
              .orElseThrow();
    }
    long readAt = System.nanoTime();
    try {
      Optional<Holding> holding = read();
      boolean won;
      if (holding.isEmpty()) {
        won = claim();
      } else if (gone(holding.get())) {
        won = takeOver(holding.get(), "its connection or its node is gone");
      } else {
        won =
            expired(holding.get(), readAt)
                && takeOver(holding.get(), "its heartbeat stood still for " + LEASE);
      }
      if (won) {
        startBeating();
      }
      return won;
    } catch (DeadlockException | DuplicateEntryException e) {
      // Another claim certified first, or the cluster kept this read waiting: not acquired now.
      return false;
    }
  }

  @Override
  public synchronized void release() {
    if (heart == null) {
      return;
    }
    heart.shutdownNow();
    heart = null;
    session.update("DELETE FROM " + TABLE + " WHERE name = ? AND token = ?", name, token);
  }

  @Override
  public synchronized String holder() {
    return read().map(this::describe).orElse("nobody now (lock '" + name + "' was just released)");
  }

  @Override
  public synchronized List<OrphanedSession> orphans() {
    return local.orphans();
  }

  @Override
  public synchronized void end(OrphanedSession orphan) {
    local.end(orphan);
  }

  private Optional<Holding> read() {
    return session.queryOne(
        READ,
        rs ->
            new Holding(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getLong(9)),
        name);
  }

  private boolean claim() {
    session.update(CLAIM, name, token, node.uuid(), node.name(), node.address());
    return true;
  }

  private boolean takeOver(Holding dead, String why) {
    int changed =
        session.update(
            TAKE_OVER,
            token,
            node.uuid(),
            node.name(),
            node.address(),
            name,
            dead.token(),
            dead.beats());
    if (changed == 1) {
      LOG.warn("took lock '{}' over from {}: {}", name, describe(dead), why);
    }
    return changed == 1;
  }

  /** Whether the holder is verifiably gone: its node left the cluster, or its connection ended. */
  private boolean gone(Holding holding) {
    if (holding.nodeUuid().equals(node.uuid())) {
      return session.count(
              "SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ?", holding.connectionId())
          == 0;
    }
    try {
      return session.count(
              "SELECT node_uuid FROM mysql.wsrep_cluster_members WHERE node_uuid = ?",
              holding.nodeUuid())
          == 0;
    } catch (DbException e) {
      // Without the privilege to read the membership, only the heartbeat tells.
      return false;
    }
  }

  /**
   * Whether the holder's counter has stood still since a read that started at least {@link #LEASE}
   * before the read that started at {@code readAt}.
   */
  private boolean expired(Holding holding, long readAt) {
    if (seen == null || !seen.sameBeat(holding)) {
      seen = holding;
      seenSince = readAt;
      return false;
    }
    return readAt - seenSince >= LEASE.toNanos();
  }

  private void startBeating() {
    seen = null;
    heart =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "plinth-lock-beat-" + name);
              t.setDaemon(true);
              return t;
            });
    heart.scheduleWithFixedDelay(
        this::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void beat() {
    if (heart == null) {
      return;
    }
    try {
      int changed =
          session.update(
              "UPDATE "
                  + TABLE
                  + " SET beats = beats + 1, beat_at = UTC_TIMESTAMP(6) WHERE name = ? AND token = ?",
              name,
              token);
      if (changed == 0) {
        LOG.error(
            "lock '{}' was taken over by another holder after {} without a heartbeat;"
                + " this process no longer holds it",
            name,
            LEASE);
        heart.shutdown();
        heart = null;
      }
    } catch (DbException e) {
      LOG.warn("heartbeat of lock '{}' failed ({}); trying again", name, e.getMessage());
    }
  }

  private String describe(Holding h) {
    return String.format(
        "MySQL connection id %d (user %s) on Galera node %s (%s, uuid %s) since %s UTC,"
            + " heartbeat %d at %s UTC, lock '%s' in table %s",
        h.connectionId(),
        h.client(),
        h.nodeName(),
        h.nodeAddress(),
        h.nodeUuid(),
        h.acquiredAt(),
        h.beats(),
        h.beatAt(),
        name,
        TABLE);
  }
}
