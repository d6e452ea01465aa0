package dev.plinth.db.testing.template;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What a MySQL schema is made of, in one value that two schemas share only when they have the same
 * tables, columns, indexes, constraints, views and no triggers, routines or events: so that a copy
 * a test left with the template's schema can be reset rather than made again.
 */
final class MysqlSchemaFingerprint {
  private static final String FINGERPRINT =
      "SELECT CONCAT_WS('#',"
          + " (SELECT MD5(GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME, TABLE_TYPE, ENGINE)"
          + "   ORDER BY TABLE_NAME SEPARATOR '|'))"
          + "   FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?),"
          + " (SELECT MD5(GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION,"
          + "   COLUMN_TYPE, IS_NULLABLE, IFNULL(COLUMN_DEFAULT, '~'), EXTRA,"
          + "   IFNULL(COLLATION_NAME, '~')) ORDER BY TABLE_NAME, ORDINAL_POSITION SEPARATOR '|'))"
          + "   FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?),"
          + " (SELECT MD5(GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX,"
          + "   COLUMN_NAME, NON_UNIQUE) ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
          + "   SEPARATOR '|')) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?),"
          + " (SELECT MD5(GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE)"
          + "   ORDER BY TABLE_NAME, CONSTRAINT_NAME SEPARATOR '|'))"
          + "   FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?),"
          + " (SELECT MD5(GROUP_CONCAT(CONCAT_WS(':', CONSTRAINT_NAME, TABLE_NAME,"
          + "   REFERENCED_TABLE_NAME, UPDATE_RULE, DELETE_RULE) ORDER BY CONSTRAINT_NAME"
          + "   SEPARATOR '|')) FROM information_schema.REFERENTIAL_CONSTRAINTS"
          + "   WHERE CONSTRAINT_SCHEMA = ?),"
          + " (SELECT MD5(GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE)"
          + "   ORDER BY TABLE_NAME, CONSTRAINT_NAME SEPARATOR '|'))"
          + "   FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?),"
          + " (SELECT MD5(GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME,"
          + "   REPLACE(VIEW_DEFINITION, CONCAT('`', TABLE_SCHEMA, '`.'), ''))"
          + "   ORDER BY TABLE_NAME SEPARATOR '|'))"
          + "   FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?),"
          + " (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?),"
          + " (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?),"
          + " (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?))";
  private static final int SCHEMA_PARAMETERS = 10;

  private MysqlSchemaFingerprint() {}

  /**
   * The fingerprint of {@code schema}.
   *
   * @throws SQLException if the catalogue cannot be read
   */
  static String of(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(FINGERPRINT)) {
      for (int i = 1; i <= SCHEMA_PARAMETERS; i++) {
        ps.setString(i, schema);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * The next auto-increment value of each table of {@code schema} that has one.
   *
   * @throws SQLException if the catalogue cannot be read
   */
  static Map<String, Long> autoIncrements(Connection c, String schema) throws SQLException {
    Map<String, Long> counters = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND AUTO_INCREMENT IS NOT NULL")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counters.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counters;
  }
}
