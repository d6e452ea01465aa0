package dev.plinth.db.core.dialect.sqlite;

import java.util.List;
import java.util.Locale;

/**
 * The parts of a CREATE INDEX statement as SQLite keeps it in {@code sqlite_master} that its
 * PRAGMAs do not give: the text of each key term (an expression has no column name) and the
 * condition of a partial index.
 *
 * @param terms the key terms as written, in order
 * @param where the text after WHERE, or {@code null} when the index has none
 */
record SqliteIndexSql(List<String> terms, String where) {

  /** Parses the CREATE INDEX statement {@code text}. */
  static SqliteIndexSql parse(String text) {
    String sql = SqliteCreateTable.withoutComments(text);
    int open = SqliteCreateTable.nextTopLevel(sql, 0, '(');
    if (open >= sql.length()) {
      return new SqliteIndexSql(List.of(), null);
    }
    int close = SqliteCreateTable.closingParen(sql, open);
    List<String> terms =
        SqliteCreateTable.splitTopLevel(sql.substring(open + 1, close), ',').stream()
            .map(String::trim)
            .toList();
    String rest = close < sql.length() ? sql.substring(close + 1).trim() : "";
    boolean partial = rest.toUpperCase(Locale.ROOT).startsWith("WHERE");
    return new SqliteIndexSql(terms, partial ? rest.substring(5).trim() : null);
  }
}
