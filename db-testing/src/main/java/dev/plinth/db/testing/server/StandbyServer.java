package dev.plinth.db.testing.server;

import dev.plinth.db.testing.Backend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A throw-away PostgreSQL primary with a hot standby of its own that streams from it: the standby
 * is a copy made by {@code pg_basebackup -R} and runs on its own port, so a test can read a real
 * replica, make it lag by pausing replay, and stop, kill or restart it. Both servers run from the
 * installed binaries in temporary directories; closing this stops both and deletes their files.
 *
 * <pre>{@code
 * try (StandbyServer servers = StandbyServer.start()) {
 *   DatabaseConfig config = DatabaseConfig.builder()
 *       .connection(servers.primaryUrl()).slaveConnection(servers.standbyUrl()).build();
 *   ...
 *   servers.pauseReplay();
 * }
 * }</pre>
 */
public final class StandbyServer implements AutoCloseable {
  private static final Duration REPLAYED_WITHIN = Duration.ofSeconds(30);

  private final ThrowAwayServer primary;
  private final ThrowAwayServer standby;

  private StandbyServer(ThrowAwayServer primary, ThrowAwayServer standby) {
    this.primary = primary;
    this.standby = standby;
  }

  /** Whether the PostgreSQL binaries, {@code pg_basebackup} among them, are installed here. */
  public static boolean installed() {
    return new PostgresKind().installed();
  }

  /**
   * Starts a primary with database {@value ThrowAwayServer#DATABASE}, copies it into a standby,
   * starts the standby and waits until it accepts connections.
   *
   * @throws IllegalStateException if the binaries are missing, or either server does not start (the
   *     message holds the end of its log)
   */
  public static StandbyServer start() {
    ThrowAwayServer primary = ThrowAwayServer.start(Backend.POSTGRESQL);
    try {
      PostgresKind kind = new PostgresKind();
      ThrowAwayServer standby =
          ThrowAwayServer.create(
              kind, "postgresql-standby", data -> kind.baseBackup(data, primary.port()));
      return new StandbyServer(primary, standby);
    } catch (RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  /** The primary, for writes and for restarting it. */
  public ThrowAwayServer primary() {
    return primary;
  }

  /** The standby, to stop, kill or start it. */
  public ThrowAwayServer standby() {
    return standby;
  }

  /** The JDBC URL of database {@value ThrowAwayServer#DATABASE} on the primary. */
  public String primaryUrl() {
    return primary.url();
  }

  /** The JDBC URL of database {@value ThrowAwayServer#DATABASE} on the standby (read only). */
  public String standbyUrl() {
    return standby.url();
  }

  /** Stops replaying WAL on the standby: it keeps receiving, and falls behind from here. */
  public void pauseReplay() {
    standby.admin("SELECT pg_wal_replay_pause()");
  }

  /** Resumes replay on the standby, which then catches up with what it received. */
  public void resumeReplay() {
    standby.admin("SELECT pg_wal_replay_resume()");
  }

  /**
   * Waits until the standby has replayed everything the primary had written when this was called.
   *
   * @throws IllegalStateException if it has not within 30 s (replay paused, or the standby down)
   */
  public void awaitReplayed() {
    awaitReplayed(REPLAYED_WITHIN);
  }

  /**
   * Waits up to {@code within} until the standby has replayed everything the primary had written
   * when this was called.
   *
   * @throws IllegalStateException if it has not (replay paused, or the standby down)
   */
  public void awaitReplayed(Duration within) {
    String target = primaryValue("SELECT pg_current_wal_lsn()::text");
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      String behind =
          standbyValue("SELECT pg_wal_lsn_diff('" + target + "', pg_last_wal_replay_lsn()) > 0");
      if ("f".equals(behind)) {
        return;
      }
      pause();
    }
    throw new IllegalStateException(
        "the standby "
            + standby
            + " did not replay up to "
            + target
            + " within "
            + REPLAYED_WITHIN);
  }

  /** Kills both servers if they run and deletes their directories. */
  @Override
  public void close() {
    try {
      standby.close();
    } finally {
      primary.close();
    }
  }

  @Override
  public String toString() {
    return "primary " + primary + ", standby " + standby;
  }

  private String primaryValue(String sql) {
    return value(primary, sql);
  }

  private String standbyValue(String sql) {
    return standby.running() ? value(standby, sql) : null;
  }

  private static String value(ThrowAwayServer server, String sql) {
    try (Connection c = DriverManager.getConnection(server.url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(server + ": " + sql + " failed", e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the standby", e);
    }
  }
}
