package dev.plinth.db.testing.template;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the user schemas of a PostgreSQL database are made of, in one value two databases share only
 * when they have the same relations, columns, constraints, indexes, views, functions, triggers and
 * types: so that a copy a test left with the template's schema can be reset rather than made again.
 */
final class PostgresSchemaFingerprint {
  private static final String USER_NAMESPACES =
      "(SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%')";
  private static final String FINGERPRINT =
      "SELECT md5(concat_ws('#',"
          + " (SELECT string_agg(c.oid::regclass::text || ':' || c.relkind::text, '|' ORDER BY 1)"
          + "   FROM pg_class c WHERE c.relnamespace IN "
          + USER_NAMESPACES
          + "),"
          + " (SELECT string_agg(a.attrelid::regclass::text || '.' || a.attname || ':'"
          + "   || format_type(a.atttypid, a.atttypmod) || ':' || a.attnotnull || ':'"
          + "   || coalesce(pg_get_expr(d.adbin, d.adrelid), '~') || ':' || a.attnum, '|'"
          + "   ORDER BY 1) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
          + "   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + "   WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relnamespace IN "
          + USER_NAMESPACES
          + "),"
          + " (SELECT string_agg(conname || ':' || pg_get_constraintdef(oid), '|' ORDER BY 1)"
          + "   FROM pg_constraint WHERE connamespace IN "
          + USER_NAMESPACES
          + "),"
          + " (SELECT string_agg(pg_get_indexdef(i.indexrelid), '|' ORDER BY 1) FROM pg_index i"
          + "   JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace IN "
          + USER_NAMESPACES
          + "),"
          + " (SELECT string_agg(viewname || ':' || definition, '|' ORDER BY 1) FROM pg_views"
          + "   WHERE schemaname NOT IN ('pg_catalog', 'information_schema')),"
          + " (SELECT string_agg(p.oid::regprocedure::text || ':' || md5(p.prosrc), '|' ORDER BY 1)"
          + "   FROM pg_proc p WHERE p.pronamespace IN "
          + USER_NAMESPACES
          + "),"
          + " (SELECT string_agg(tgrelid::regclass::text || ':' || tgname, '|' ORDER BY 1)"
          + "   FROM pg_trigger WHERE NOT tgisinternal),"
          + " (SELECT string_agg(t.typname || ':' || t.typtype::text, '|' ORDER BY 1) FROM pg_type t"
          + "   WHERE t.typtype IN ('e', 'd', 'c', 'r') AND t.typnamespace IN "
          + USER_NAMESPACES
          + "   AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)),"
          + " (SELECT string_agg(e.enumtypid::regtype::text || ':' || e.enumlabel, '|'"
          + "   ORDER BY 1) FROM pg_enum e)))";

  private PostgresSchemaFingerprint() {}

  /**
   * The fingerprint of the database {@code c} is connected to.
   *
   * @throws SQLException if the catalogue cannot be read
   */
  static String of(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(FINGERPRINT)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
