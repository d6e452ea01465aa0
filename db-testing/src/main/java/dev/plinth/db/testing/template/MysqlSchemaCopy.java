package dev.plinth.db.testing.template;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies a MySQL or MariaDB template, which has no template databases: the tables' own {@code SHOW
 * CREATE TABLE} statements (unlike {@code CREATE TABLE … LIKE} they keep foreign keys), then one
 * {@code INSERT … SELECT} per table that holds rows (the version table among them) in a single
 * transaction, then views and triggers. The statements are read once, when the template is
 * captured; a copy runs them on one connection.
 */
final class MysqlSchemaCopy implements CopyMaker {
  private static final String TABLES =
      "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
          + " ORDER BY TABLE_NAME";
  private static final String TRIGGERS =
      "SELECT TRIGGER_NAME, '' FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?"
          + " ORDER BY TRIGGER_NAME";
  private final String adminUrl;
  private final String template;
  private final List<String> tables;
  private final List<String> inserts;
  private final List<String> views;
  private final List<String> triggers;

  private MysqlSchemaCopy(
      String adminUrl,
      String template,
      List<String> tables,
      List<String> inserts,
      List<String> views,
      List<String> triggers) {
    this.adminUrl = adminUrl;
    this.template = template;
    this.tables = tables;
    this.inserts = inserts;
    this.views = views;
    this.triggers = triggers;
  }

  /**
   * Reads the template's statements, or returns empty when it holds objects this copy does not
   * reproduce (routines, events, sequences): such a template is copied by migrating each copy.
   *
   * @throws SQLException if the catalogue cannot be read
   */
  static Optional<CopyMaker> capture(String adminUrl, String template) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl)) {
      if (hasUncopiedObjects(c, template)) {
        return Optional.empty();
      }
      List<String> tables = new ArrayList<>();
      List<String> inserts = new ArrayList<>();
      List<String> views = new ArrayList<>();
      for (String[] table : rows(c, TABLES, template)) {
        String qualified = quote(template) + "." + quote(table[0]);
        if (table[1].equals("VIEW")) {
          views.add(show(c, "SHOW CREATE VIEW " + qualified, 2));
          continue;
        }
        tables.add(show(c, "SHOW CREATE TABLE " + qualified, 2));
        if (hasRows(c, qualified)) {
          String columns = columns(c, template, table[0]);
          inserts.add(
              "INSERT INTO "
                  + quote(table[0])
                  + " ("
                  + columns
                  + ") SELECT "
                  + columns
                  + " FROM "
                  + qualified);
        }
      }
      List<String> triggers = new ArrayList<>();
      for (String[] trigger : rows(c, TRIGGERS, template)) {
        triggers.add(
            show(c, "SHOW CREATE TRIGGER " + quote(template) + "." + quote(trigger[0]), 3));
      }
      return Optional.of(new MysqlSchemaCopy(adminUrl, template, tables, inserts, views, triggers));
    }
  }

  @Override
  public void create(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4");
      s.execute("USE " + quote(name));
      s.execute("SET foreign_key_checks = 0");
      runAll(s, tables);
      c.setAutoCommit(false);
      runAll(s, inserts);
      c.commit();
      c.setAutoCommit(true);
      createViews(s, name);
      runAll(s, triggers);
    }
  }

  /** Views may select from views: each round creates those whose sources exist by then. */
  private void createViews(Statement s, String name) throws SQLException {
    String from = quote(template) + ".";
    String to = quote(name) + ".";
    List<String> pending = new ArrayList<>(views.stream().map(v -> v.replace(from, to)).toList());
    while (!pending.isEmpty()) {
      List<String> failed = new ArrayList<>();
      SQLException last = null;
      for (String view : pending) {
        try {
          s.execute(view);
        } catch (SQLException e) {
          failed.add(view);
          last = e;
        }
      }
      if (failed.size() == pending.size()) {
        throw last;
      }
      pending = failed;
    }
  }

  private static void runAll(Statement s, List<String> statements) throws SQLException {
    for (String sql : statements) {
      s.addBatch(sql);
    }
    if (!statements.isEmpty()) {
      s.executeBatch();
    }
  }

  private static boolean hasUncopiedObjects(Connection c, String template) throws SQLException {
    String sql =
        "SELECT (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?)"
            + " + (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?)"
            + " + (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
            + " AND TABLE_TYPE NOT IN ('BASE TABLE', 'VIEW'))";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, template);
      ps.setString(2, template);
      ps.setString(3, template);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private static boolean hasRows(Connection c, String qualified) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 FROM " + qualified + " LIMIT 1")) {
      return rs.next();
    }
  }

  /** The columns an INSERT may write: all but generated ones, in table order. */
  private static String columns(Connection c, String template, String table) throws SQLException {
    String sql =
        "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
            + " AND TABLE_NAME = ? AND EXTRA NOT LIKE '%VIRTUAL GENERATED%'"
            + " AND EXTRA NOT LIKE '%STORED GENERATED%' ORDER BY ORDINAL_POSITION";
    List<String> names = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, template);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(quote(rs.getString(1)));
        }
      }
    }
    return String.join(", ", names);
  }

  private static List<String[]> rows(Connection c, String sql, String template)
      throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, template);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return rows;
  }

  private static String show(Connection c, String sql, int column) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(column);
    }
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
