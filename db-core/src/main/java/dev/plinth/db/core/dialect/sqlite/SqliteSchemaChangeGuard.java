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
 *
 * <p>For the transaction it also raises the connection's page cache to {@value #REBUILD_CACHE_KIB}
 * KiB, unless it is larger already, and restores it afterwards. A rebuild's copy fills the new
 * table's unique indexes in the old table's row order; once such an index outgrows SQLite's default
 * 2 MB cache, nearly every row evicts a dirty index page and reads another back, which doubles the
 * time of a million-row copy with a random-order unique key (docs/BENCHMARKS.md). SQLite allocates
 * cache pages as they are used and frees them when the size is set back. The guard remembers the
 * size to restore, so it serves one transaction.
 */
final class SqliteSchemaChangeGuard implements SchemaChangeGuard {
  private static final int REPORTED_VIOLATIONS = 10;
  private static final long REBUILD_CACHE_KIB = 65_536;

  /** The connection's {@code cache_size} before the guard raised it; null if it did not. */
  private Long restoreCacheSize;

  @Override
  public void beforeBegin(Connection connection) throws SQLException {
    long cacheSize = queryLong(connection, "PRAGMA cache_size");
    // A positive cache_size counts pages, a negative one KiB.
    long cacheKib =
        cacheSize < 0 ? -cacheSize : cacheSize * queryLong(connection, "PRAGMA page_size") / 1024;
    if (cacheKib < REBUILD_CACHE_KIB) {
      pragma(connection, "PRAGMA cache_size = -" + REBUILD_CACHE_KIB);
      restoreCacheSize = cacheSize;
    }
    // Last, so that a failure above leaves foreign keys enforced on the pooled connection.
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
    if (restoreCacheSize != null) {
      pragma(connection, "PRAGMA cache_size = " + restoreCacheSize);
      restoreCacheSize = null;
    }
  }

  private static void pragma(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private static long queryLong(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
