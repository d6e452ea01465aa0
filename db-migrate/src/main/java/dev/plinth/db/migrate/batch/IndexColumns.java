package dev.plinth.db.migrate.batch;

import dev.plinth.db.core.dialect.DdlRenderer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads and renames the columns in the SQL of a CREATE INDEX statement that a rebuild re-creates as
 * it was written: the identifiers from its column list on, outside string literals, that are not a
 * function's name (an identifier followed by a parenthesis). The index's own name and its table's
 * are left alone, and so are comments, the keywords an index's column list and WHERE clause use
 * bare (ASC, DESC, AND, IS, NULL, ...) and the name after COLLATE: a column named like one of those
 * is only recognised quoted.
 */
final class IndexColumns {
  /** Words that are never a column where they stand bare in an index's column list or WHERE. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "ASC", "DESC", "COLLATE", "WHERE", "AND", "OR", "NOT", "IS", "NULL", "IN", "LIKE", "GLOB",
          "REGEXP", "MATCH", "BETWEEN", "ESCAPE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST",
          "AS", "TRUE", "FALSE", "EXISTS", "SELECT", "FROM");

  private IndexColumns() {}

  /**
   * {@code sql} with each column named in {@code renamed} (its old name in lower case, to its new
   * name) renamed and quoted by {@code ddl}.
   */
  static String rename(String sql, Map<String, String> renamed, DdlRenderer ddl) {
    return scan(
        sql,
        name -> {
          String to = renamed.get(name.toLowerCase(Locale.ROOT));
          return to == null ? null : ddl.quote(to);
        });
  }

  /** Whether {@code sql} names column {@code column}. */
  static boolean uses(String sql, String column) {
    boolean[] found = {false};
    scan(
        sql,
        name -> {
          found[0] |= name.equalsIgnoreCase(column);
          return null;
        });
    return found[0];
  }

  /**
   * {@code sql} with each column identifier replaced by what {@code replacement} gives for its
   * name, or kept where that is {@code null}.
   */
  private static String scan(String sql, UnaryOperator<String> replacement) {
    int start = columnList(sql);
    StringBuilder out = new StringBuilder(sql.substring(0, start));
    int i = start;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      String name = null;
      if (c == '\'') {
        end = closing(sql, i, '\'');
      } else if (sql.startsWith("--", i)) {
        int line = sql.indexOf('\n', i);
        end = line < 0 ? sql.length() : line;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? sql.length() : close + 2;
      } else if (c == '"' || c == '`' || c == '[') {
        end = closing(sql, i, c == '[' ? ']' : c);
        name = sql.substring(i + 1, end - 1).replace(String.valueOf(c) + c, String.valueOf(c));
      } else if (Character.isLetter(c) || c == '_') {
        end = i;
        while (end < sql.length()
            && (Character.isLetterOrDigit(sql.charAt(end))
                || sql.charAt(end) == '_'
                || sql.charAt(end) == '$')) {
          end++;
        }
        name = sql.substring(i, end);
        if (KEYWORDS.contains(name.toUpperCase(Locale.ROOT)) || afterCollate(sql, i)) {
          name = null;
        }
      } else {
        end = i + 1;
      }
      String replaced =
          name == null || followedByParenthesis(sql, end) ? null : replacement.apply(name);
      out.append(replaced == null ? sql.substring(i, end) : replaced);
      i = end;
    }
    return out.toString();
  }

  /** The position of the parenthesis that opens the column list: the first one after ON. */
  private static int columnList(String sql) {
    int on = sql.toUpperCase(Locale.ROOT).indexOf(" ON ");
    int open = sql.indexOf('(', on < 0 ? 0 : on);
    return open < 0 ? sql.length() : open;
  }

  /** The position after the quote that closes the one at {@code open}, doubled quotes skipped. */
  private static int closing(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (quote != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** Whether the bare word at {@code start} follows COLLATE: a collation's name, not a column. */
  private static boolean afterCollate(String sql, int start) {
    String before = sql.substring(0, start).stripTrailing();
    return before.regionMatches(
        true, before.length() - "COLLATE".length(), "COLLATE", 0, "COLLATE".length());
  }

  private static boolean followedByParenthesis(String sql, int end) {
    int i = end;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '(';
  }
}
