package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.source.SqlSyntax.Lexeme;

/** The scanning rules the backends share: quoted text, line comments and block comments. */
final class Lexemes {
  private Lexemes() {}

  /**
   * Text from {@code pos} (an opening quote) to the matching {@code close}; a doubled {@code close}
   * stands for itself and, with {@code backslash}, a backslash escapes the next character.
   */
  static Lexeme quoted(String text, int pos, char close, boolean backslash, String what) {
    int i = pos + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (backslash && c == '\\') {
        i += 2;
      } else if (c != close) {
        i++;
      } else if (i + 1 < text.length() && text.charAt(i + 1) == close) {
        i += 2;
      } else {
        return new Lexeme(i + 1, true, what);
      }
    }
    return new Lexeme(-1, true, what);
  }

  /** A comment from {@code pos} to the end of its line (the newline is not part of it). */
  static Lexeme lineComment(String text, int pos) {
    int end = text.indexOf('\n', pos);
    return new Lexeme(end < 0 ? text.length() : end, false, "comment");
  }

  /**
   * A {@code /* ... *}{@code /} comment from {@code pos}; with {@code nested}, inner openings need
   * their own closings, as in PostgreSQL.
   */
  static Lexeme blockComment(String text, int pos, boolean nested, boolean significant) {
    int depth = 0;
    int i = pos;
    while (i + 1 < text.length()) {
      if (text.startsWith("/*", i) && (nested || depth == 0)) {
        depth++;
        i += 2;
      } else if (text.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return new Lexeme(i, significant, "comment");
        }
      } else {
        i++;
      }
    }
    return new Lexeme(-1, significant, "/* comment");
  }

  /** Whether {@code c} can continue a word (keyword or unquoted identifier). */
  static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** Whether {@code c} can start a word. */
  static boolean isWordStart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
