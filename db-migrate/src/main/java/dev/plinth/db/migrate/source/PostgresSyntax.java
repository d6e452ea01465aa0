package dev.plinth.db.migrate.source;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL, as psql splits it: {@code '...'} strings (standard-conforming: no backslash escapes)
 * and {@code E'...'} strings (with them), {@code "..."} identifiers, dollar quoting ({@code
 * $$...$$} and {@code $tag$...$tag$}), {@code --} and nesting {@code /* *}{@code /} comments,
 * semicolons inside parentheses (rule actions), and SQL-standard bodies ({@code BEGIN ATOMIC ...
 * END}).
 */
final class PostgresSyntax implements SqlSyntax {
  static final PostgresSyntax INSTANCE = new PostgresSyntax();
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

  private static final Pattern COPY_FROM_STDIN =
      Pattern.compile("(?is)COPY\\s[^;]*?\\bFROM\\s+STDIN\\b");

  private PostgresSyntax() {}

  @Override
  public Lexeme lex(String text, int pos) {
    switch (text.charAt(pos)) {
      case '\'':
        return Lexemes.quoted(text, pos, '\'', false, "string");
      case 'E':
      case 'e':
        return text.startsWith("'", pos + 1) ? escapeString(text, pos) : null;
      case '"':
        return Lexemes.quoted(text, pos, '"', false, "quoted identifier");
      case '$':
        return dollarQuoted(text, pos);
      case '-':
        return text.startsWith("--", pos) ? Lexemes.lineComment(text, pos) : null;
      case '/':
        return text.startsWith("/*", pos) ? Lexemes.blockComment(text, pos, true, false) : null;
      default:
        return null;
    }
  }

  private static Lexeme escapeString(String text, int pos) {
    Lexeme string = Lexemes.quoted(text, pos + 1, '\'', true, "E'' string");
    return string.unterminated() ? string : new Lexeme(string.end(), true, string.what());
  }

  /** {@code $tag$ ... $tag$}; a {@code $} not opening a tag (e.g. {@code $1}) is no lexeme. */
  private static Lexeme dollarQuoted(String text, int pos) {
    Matcher tag = DOLLAR_TAG.matcher(text).region(pos, text.length());
    if (!tag.lookingAt()) {
      return null;
    }
    String delimiter = tag.group();
    int close = text.indexOf(delimiter, tag.end());
    String what = "dollar-quoted string " + delimiter;
    return new Lexeme(close < 0 ? -1 : close + delimiter.length(), true, what);
  }

  @Override
  public Set<String> routineKinds() {
    return Set.of("FUNCTION", "PROCEDURE");
  }

  @Override
  public boolean parenthesesHoldDelimiter() {
    return true;
  }

  @Override
  public boolean readsDataBlock(String statement) {
    return statement.regionMatches(true, 0, "COPY", 0, 4)
        && COPY_FROM_STDIN.matcher(statement).lookingAt();
  }

  /**
   * pg_dump's {@code \restrict KEY} and <code>&#92;unrestrict KEY</code> guard psql, not the
   * database.
   */
  @Override
  public Set<String> skippableMetaCommands() {
    return Set.of("restrict", "unrestrict");
  }

  @Override
  public boolean metaCommands() {
    return true;
  }
}
