package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC on a URL, for tests that check a server itself rather than Plinth on it. */
public final class Sql {
  private Sql() {}

  /** Runs one statement in auto-commit on a connection of its own. */
  public static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The last column of the first row of a query: its value, or a SHOW STATUS line's value. */
  public static String value(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from %s", sql).isTrue();
      return rs.getString(rs.getMetaData().getColumnCount());
    }
  }
}
