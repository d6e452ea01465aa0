package dev.plinth.db.migrate.source;

import java.util.Set;

/**
 * SQLite: {@code '...'} strings, {@code "..."}, {@code `...`} and {@code [...]} identifiers, no
 * backslash escapes, {@code --} and non-nesting {@code /* *}{@code /} comments, and trigger bodies
 * ({@code CREATE TRIGGER ... BEGIN ...; ...; END}).
 */
final class SqliteSyntax implements SqlSyntax {
  static final SqliteSyntax INSTANCE = new SqliteSyntax();

  private SqliteSyntax() {}

  @Override
  public Lexeme lex(String text, int pos) {
    switch (text.charAt(pos)) {
      case '\'':
        return Lexemes.quoted(text, pos, '\'', false, "string");
      case '"':
        return Lexemes.quoted(text, pos, '"', false, "quoted identifier");
      case '`':
        return Lexemes.quoted(text, pos, '`', false, "quoted identifier");
      case '[':
        int close = text.indexOf(']', pos);
        return new Lexeme(close < 0 ? -1 : close + 1, true, "[identifier]");
      case '-':
        return text.startsWith("--", pos) ? Lexemes.lineComment(text, pos) : null;
      case '/':
        return text.startsWith("/*", pos) ? Lexemes.blockComment(text, pos, false, false) : null;
      default:
        return null;
    }
  }

  @Override
  public Set<String> routineKinds() {
    return Set.of("TRIGGER");
  }
}
