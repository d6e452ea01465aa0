package dev.plinth.db.testing.provision;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A PostgreSQL server: databases are created and dropped with other sessions terminated first. */
public final class PostgresServer extends AdminUrlServer {
  /** Creates the backend for a superuser or CREATEDB URL such as {@code .../postgres?user=x}. */
  public PostgresServer(String adminUrl) {
    super(adminUrl, "SELECT pg_backend_pid()");
  }

  @Override
  public void create(String database) throws SQLException {
    AdminConnections.execute(adminUrl(), "CREATE DATABASE \"" + database + "\"");
  }

  @Override
  public void drop(String database) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl())) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
        ps.setString(1, database);
        ps.executeQuery().close();
      }
      c.createStatement().execute("DROP DATABASE IF EXISTS \"" + database + "\"");
    }
  }

  /** Ends the session and waits (up to 10 s) until the server has really let it go. */
  @Override
  public void terminate(long sessionId) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl())) {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
        ps.setInt(1, (int) sessionId);
        ps.executeQuery().close();
      }
      try (PreparedStatement ps =
          c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
        ps.setInt(1, (int) sessionId);
        for (int i = 0; i < 1000 && stillThere(ps); i++) {
          Thread.sleep(10);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean stillThere(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }
}
