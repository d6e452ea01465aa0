package dev.plinth.db.migrate.phase;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables and columns that rendered DDL removes: {@code DROP TABLE}, {@code RENAME TABLE}
 * and {@code ALTER TABLE ... RENAME TO} remove a table; {@code ALTER TABLE ... DROP [COLUMN]},
 * {@code RENAME COLUMN} and MySQL's {@code CHANGE [COLUMN]} remove a column under its old name. It
 * reads the statements Plinth's operations and hand-written SQL produce; it is a safety net, not a
 * SQL parser, and statements it does not recognise (a procedure that drops a table, dynamic SQL)
 * are not seen.
 */
final class DropStatements {
  private static final String NAME = "([`\"\\[]?[\\w$]+[`\"\\]]?(?:\\.[`\"\\[]?[\\w$]+[`\"\\]]?)?)";
  private static final Pattern DROP_TABLE =
      Pattern.compile("(?is)^\\s*DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(.+?)(?:\\s+CASCADE)?\\s*$");
  private static final Pattern RENAME_TABLE =
      Pattern.compile("(?is)^\\s*RENAME\\s+TABLE\\s+" + NAME + "\\s+TO\\s+");
  private static final Pattern ALTER_TABLE =
      Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME);
  private static final Pattern ALTER_RENAME_TABLE = Pattern.compile("(?is)\\bRENAME\\s+TO\\b");
  private static final Pattern COLUMN_GONE =
      Pattern.compile(
          "(?is)(?:\\bDROP|\\bRENAME\\s+COLUMN|\\bCHANGE)\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?"
              + NAME);
  private static final Set<String> NOT_COLUMNS =
      Set.of(
          "constraint",
          "index",
          "key",
          "primary",
          "foreign",
          "check",
          "default",
          "not",
          "partition",
          "identity",
          "expression",
          "unique",
          "fulltext",
          "spatial");

  private DropStatements() {}

  /**
   * The tables and columns {@code statements} remove, by table name as written (unquoted); an empty
   * column set means the whole table goes.
   */
  static Map<String, Set<String>> parse(List<String> statements) {
    Map<String, Set<String>> gone = new LinkedHashMap<>();
    for (String sql : statements) {
      Matcher drop = DROP_TABLE.matcher(sql);
      Matcher rename = RENAME_TABLE.matcher(sql);
      Matcher alter = ALTER_TABLE.matcher(sql);
      if (drop.find()) {
        for (String table : drop.group(1).split(",")) {
          gone.put(unquote(table.trim()), Set.of());
        }
      } else if (rename.find()) {
        gone.put(unquote(rename.group(1)), Set.of());
      } else if (alter.find()) {
        alteredColumns(gone, unquote(alter.group(1)), sql.substring(alter.end()));
      }
    }
    return gone;
  }

  private static void alteredColumns(Map<String, Set<String>> gone, String table, String rest) {
    if (ALTER_RENAME_TABLE.matcher(rest).find()) {
      gone.put(table, Set.of());
      return;
    }
    Matcher column = COLUMN_GONE.matcher(rest);
    Set<String> columns = new LinkedHashSet<>();
    while (column.find()) {
      String name = unquote(column.group(1));
      if (!NOT_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) {
        columns.add(name);
      }
    }
    if (!columns.isEmpty() && !Set.of().equals(gone.get(table))) {
      gone.computeIfAbsent(table, t -> new LinkedHashSet<>()).addAll(columns);
    }
  }

  private static String unquote(String name) {
    String last = name.substring(name.lastIndexOf('.') + 1);
    return last.replaceAll("[`\"\\[\\]]", "");
  }
}
