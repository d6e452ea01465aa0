package dev.plinth.db.migrate.runner;

import java.util.List;

/** Shortens SQL statements for messages. */
final class Statements {
  private static final int MAX = 100;

  private Statements() {}

  /** The statement on one line, whitespace collapsed, cut to about 100 characters. */
  static String shorten(String sql) {
    String line = sql.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
  }

  /** The statements shortened and numbered: {@code [1] CREATE TABLE a (…); [2] …}. */
  static String numbered(List<String> statements) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < statements.size(); i++) {
      s.append(i == 0 ? "" : "; ")
          .append('[')
          .append(i + 1)
          .append("] ")
          .append(shorten(statements.get(i)));
    }
    return s.toString();
  }
}
