package dev.plinth.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The benchmark's batch written by hand as SQLite's documented twelve-step procedure for changes
 * that ALTER TABLE cannot make (<a
 * href="https://www.sqlite.org/lang_altertable.html#otheralter">lang_altertable.html</a>), run in
 * one transaction on a plain JDBC connection. The author knows the schema, so step 3 (looking up
 * the table's indexes, triggers and views) and step 9 (re-creating views and triggers: there are
 * none) need no statement.
 */
final class HandWrittenRebuild {
  /** Steps 4 to 8: create the new table, copy, drop, rename, re-create the index. */
  private static final List<String> STEPS =
      List.of(
          "CREATE TABLE \"new_items\" (\"id\" INTEGER NOT NULL, \"title\" VARCHAR(50),"
              + " \"qty\" BIGINT DEFAULT 0 NOT NULL, \"description\" VARCHAR(100), \"note\" TEXT,"
              + " PRIMARY KEY (\"id\"), CONSTRAINT \"uq_items_name\" UNIQUE (\"title\"))",
          "INSERT INTO \"new_items\" (\"id\", \"title\", \"qty\", \"description\")"
              + " SELECT \"id\", \"name\", COALESCE(\"qty\", 0), \"description\" FROM \"items\"",
          "DROP TABLE \"items\"",
          "ALTER TABLE \"new_items\" RENAME TO \"items\"",
          "CREATE INDEX \"ix_items_qty\" ON \"items\" (\"qty\")");

  private HandWrittenRebuild() {}

  /**
   * Runs the procedure on {@code c}, which must be in auto-commit mode; leaves it so, with foreign
   * keys enforced.
   *
   * @throws SQLException if a statement fails, or if a row of another table no longer finds its
   *     parent (step 10); the transaction is then rolled back
   */
  static void run(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA foreign_keys = OFF");
      c.setAutoCommit(false);
      try {
        for (String sql : STEPS) {
          s.execute(sql);
        }
        try (ResultSet violations = s.executeQuery("PRAGMA foreign_key_check")) {
          if (violations.next()) {
            throw new SQLException("foreign key violation in table " + violations.getString(1));
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
        s.execute("PRAGMA foreign_keys = ON");
      }
    }
  }
}
