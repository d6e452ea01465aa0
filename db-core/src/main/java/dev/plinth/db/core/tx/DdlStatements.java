package dev.plinth.db.core.tx;

import java.util.List;

/**
 * Recognises statements that change the schema, so that cached schema metadata can be dropped and
 * so that a migration runner knows which statements commit implicitly where DDL is not
 * transactional. It runs on every {@code update}, so it only looks at the first keyword, without
 * allocating.
 */
public final class DdlStatements {
  private static final List<String> KEYWORDS =
      List.of("create", "alter", "drop", "rename", "truncate");

  private DdlStatements() {}

  /**
   * Whether {@code sql} starts, after whitespace and comments, with CREATE, ALTER, DROP, RENAME or
   * TRUNCATE.
   */
  public static boolean isDdl(String sql) {
    int at = firstToken(sql);
    for (String keyword : KEYWORDS) {
      int end = at + keyword.length();
      if (sql.regionMatches(true, at, keyword, 0, keyword.length())
          && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static int firstToken(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else {
        return i;
      }
    }
    return n;
  }
}
