package dev.plinth.db.testing.provision;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs single administrative statements on short-lived auto-commit connections. */
final class AdminConnections {
  private AdminConnections() {}

  static void execute(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
