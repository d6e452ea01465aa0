package dev.plinth.db.core.dialect.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs SQLite pragmas on a raw connection, for the guards that work outside transactions. */
final class Pragmas {
  private Pragmas() {}

  /** Runs {@code sql}, a pragma that sets something. */
  static void set(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** The value of pragma {@code name} as text. */
  static String get(Connection connection, String name) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
