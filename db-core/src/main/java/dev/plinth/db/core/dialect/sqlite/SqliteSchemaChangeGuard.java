package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.dialect.SchemaChangeGuard;
import dev.plinth.db.core.error.ReferenceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's part of the documented twelve-step ALTER TABLE procedure that lies outside the
 * transaction: {@code PRAGMA foreign_keys=OFF} before it begins, {@code PRAGMA foreign_key_check}
 * before it commits, and {@code PRAGMA foreign_keys=ON} (Plinth's setting on every SQLite
 * connection) after it ends. Without it, dropping a rebuilt parent table fails or, with ON DELETE
 * CASCADE, silently deletes every child row.
 */
final class SqliteSchemaChangeGuard implements SchemaChangeGuard {
  private static final int REPORTED_VIOLATIONS = 10;

  @Override
  public void beforeBegin(Connection connection) throws SQLException {
    pragma(connection, "PRAGMA foreign_keys = OFF");
  }

  @Override
  public void beforeCommit(Connection connection) throws SQLException {
    List<String> violations = new ArrayList<>();
    String table = null;
    String parent = null;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
      while (rs.next() && violations.size() < REPORTED_VIOLATIONS) {
        table = rs.getString(1);
        parent = rs.getString(3);
        violations.add(table + " rowid " + rs.getString(2) + " -> " + parent);
      }
    }
    if (!violations.isEmpty()) {
      throw new ReferenceException(
          "foreign key check failed after the schema change, rolling back: rows point at missing"
              + " parent rows ("
              + String.join(", ", violations)
              + (violations.size() == REPORTED_VIOLATIONS ? ", ..." : "")
              + ")",
          null,
          table,
          null,
          null,
          parent);
    }
  }

  @Override
  public void afterEnd(Connection connection) throws SQLException {
    pragma(connection, "PRAGMA foreign_keys = ON");
  }

  private static void pragma(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
