package dev.plinth.db.it.migrate;

import dev.plinth.db.core.Database;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads back what migrations left: side effects, history rows, tables. */
public final class MigrationState {
  private MigrationState() {}

  /** How many rows of {@code applied_log} each revision left. */
  public static Map<String, Long> logged(Database db) {
    return counts(db, "SELECT revision, COUNT(*) FROM applied_log GROUP BY revision");
  }

  /** How many successful history rows each revision has for {@code direction}. */
  public static Map<String, Long> history(Database db, String direction, String outcome) {
    return counts(
        db,
        "SELECT revision, COUNT(*) FROM plinth_history WHERE direction = '"
            + direction
            + "' AND outcome = '"
            + outcome
            + "' GROUP BY revision");
  }

  /** Whether table {@code name} exists. */
  public static boolean tableExists(Database db, String name) {
    return db.reader().call(tx -> db.schema().tableNames(tx)).contains(name);
  }

  /** The rows of the version table, sorted. */
  public static List<String> versionRows(Database db) {
    return versionRows(db, "plinth_version");
  }

  /** The rows of version table {@code table}, sorted. */
  public static List<String> versionRows(Database db, String table) {
    return db.reader()
        .call(
            tx ->
                tx.query(
                    "SELECT version_num FROM " + table + " ORDER BY version_num",
                    rs -> rs.getString(1)));
  }

  private static Map<String, Long> counts(Database db, String sql) {
    Map<String, Long> counts = new TreeMap<>();
    db.reader()
        .call(tx -> tx.query(sql, rs -> Map.entry(rs.getString(1), rs.getLong(2))))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }
}
