package dev.plinth.db.testing.template;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a MySQL or MariaDB template, which has no template databases: the tables' own {@code SHOW
 * CREATE TABLE} statements (unlike {@code CREATE TABLE … LIKE} they keep foreign keys), then one
 * {@code INSERT … SELECT} per table that holds rows (the version table among them) in a single
 * transaction, then views and triggers. The statements are read once, when the template is
 * captured; a copy runs them on one connection. A used copy whose schema the test left alone is
 * reset instead of dropped: new tables cost a file each on InnoDB, rows in small tables cost
 * little.
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
  private final Captured captured;
  private final String fingerprint;
  private final Map<String, Long> autoIncrements;

  /**
   * The template's statements.
   *
   * @param tableNames the base tables
   * @param tables their {@code CREATE TABLE} statements
   * @param inserts the {@code INSERT … SELECT} of each table that holds rows
   * @param views the {@code CREATE VIEW} statements, naming the template's schema
   * @param triggers the {@code CREATE TRIGGER} statements
   */
  private record Captured(
      List<String> tableNames,
      List<String> tables,
      List<String> inserts,
      List<String> views,
      List<String> triggers) {}

  private MysqlSchemaCopy(String adminUrl, String template, Captured captured, Connection c)
      throws SQLException {
    this.adminUrl = adminUrl;
    this.template = template;
    this.captured = captured;
    this.fingerprint = MysqlSchemaFingerprint.of(c, template);
    this.autoIncrements = MysqlSchemaFingerprint.autoIncrements(c, template);
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
      List<String> tableNames = new ArrayList<>();
      List<String> tables = new ArrayList<>();
      List<String> inserts = new ArrayList<>();
      List<String> views = new ArrayList<>();
      for (String[] table : rows(c, TABLES, template)) {
        String qualified = quote(template) + "." + quote(table[0]);
        if (table[1].equals("VIEW")) {
          views.add(show(c, "SHOW CREATE VIEW " + qualified, 2));
          continue;
        }
        tableNames.add(table[0]);
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
      Captured captured = new Captured(tableNames, tables, inserts, views, triggers);
      return Optional.of(new MysqlSchemaCopy(adminUrl, template, captured, c));
    }
  }

  @Override
  public void create(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + quote(name) + " CHARACTER SET utf8mb4");
      s.execute("USE " + quote(name));
      s.execute("SET foreign_key_checks = 0");
      runAll(s, captured.tables());
      c.setAutoCommit(false);
      runAll(s, captured.inserts());
      c.commit();
      c.setAutoCommit(true);
      createViews(s, name);
      runAll(s, captured.triggers());
    }
  }

  /**
   * Resets a used copy whose schema is still the template's (same fingerprint) and that has no
   * triggers, which would fire: every table emptied and refilled from the template in one
   * transaction, and auto-increment counters put back.
   */
  @Override
  public boolean reset(String name) throws SQLException {
    if (!captured.triggers().isEmpty()) {
      return false;
    }
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      endOtherSessions(c, name);
      if (!MysqlSchemaFingerprint.of(c, name).equals(fingerprint)) {
        return false;
      }
      s.execute("USE " + quote(name));
      s.execute("SET foreign_key_checks = 0");
      c.setAutoCommit(false);
      for (String table : captured.tableNames()) {
        s.addBatch("DELETE FROM " + quote(table));
      }
      captured.inserts().forEach(sql -> addBatch(s, sql));
      s.executeBatch();
      c.commit();
      c.setAutoCommit(true);
      Map<String, Long> counters = MysqlSchemaFingerprint.autoIncrements(c, name);
      for (Map.Entry<String, Long> counter : autoIncrements.entrySet()) {
        if (!counter.getValue().equals(counters.get(counter.getKey()))) {
          s.execute(
              "ALTER TABLE " + quote(counter.getKey()) + " AUTO_INCREMENT = " + counter.getValue());
        }
      }
      return true;
    }
  }

  /** A session the test left open must not write into the copy the next test gets. */
  private static void endOtherSessions(Connection c, String name) throws SQLException {
    List<Long> sessions = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sessions.add(rs.getLong(1));
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (long session : sessions) {
        try {
          s.execute("KILL " + session);
        } catch (SQLException ended) {
          // The session ended between the listing and the KILL: what the KILL was for.
        }
      }
    }
  }

  /** Views may select from views: each round creates those whose sources exist by then. */
  private void createViews(Statement s, String name) throws SQLException {
    String from = quote(template) + ".";
    String to = quote(name) + ".";
    List<String> pending =
        new ArrayList<>(captured.views().stream().map(v -> v.replace(from, to)).toList());
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
    statements.forEach(sql -> addBatch(s, sql));
    if (!statements.isEmpty()) {
      s.executeBatch();
    }
  }

  private static void addBatch(Statement s, String sql) {
    try {
      s.addBatch(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot batch " + sql, e);
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
