package dev.plinth.db.migrate.source;

import java.util.Set;

/**
 * MySQL and MariaDB, as the mysql client splits them: {@code '...'} and {@code "..."} strings with
 * backslash escapes, {@code `...`} identifiers, {@code #} comments, {@code -- } comments (the
 * dashes must be followed by a blank), non-nesting {@code /* *}{@code /} comments (executable
 * {@code /*! *}{@code /} and hint {@code /*+ *}{@code /} comments count as statement text), the
 * {@code DELIMITER} directive, and routine bodies with {@code IF}, {@code CASE}, {@code LOOP},
 * {@code WHILE} and {@code REPEAT} blocks.
 */
final class MysqlSyntax implements SqlSyntax {
  static final MysqlSyntax INSTANCE = new MysqlSyntax();

  private MysqlSyntax() {}

  @Override
  public Lexeme lex(String text, int pos) {
    switch (text.charAt(pos)) {
      case '\'':
        return Lexemes.quoted(text, pos, '\'', true, "string");
      case '"':
        return Lexemes.quoted(text, pos, '"', true, "string");
      case '`':
        return Lexemes.quoted(text, pos, '`', false, "quoted identifier");
      case '#':
        return Lexemes.lineComment(text, pos);
      case '-':
        return isDashComment(text, pos) ? Lexemes.lineComment(text, pos) : null;
      case '/':
        return text.startsWith("/*", pos) ? blockComment(text, pos) : null;
      default:
        return null;
    }
  }

  private static boolean isDashComment(String text, int pos) {
    return text.startsWith("--", pos)
        && (pos + 2 == text.length() || Character.isWhitespace(text.charAt(pos + 2)));
  }

  private static Lexeme blockComment(String text, int pos) {
    boolean executable =
        text.startsWith("/*!", pos) || text.startsWith("/*+", pos) || text.startsWith("/*M!", pos);
    return Lexemes.blockComment(text, pos, false, executable);
  }

  @Override
  public Set<String> routineKinds() {
    return Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
  }

  @Override
  public Set<String> compoundStatements() {
    return Set.of("IF", "LOOP", "WHILE", "REPEAT");
  }

  @Override
  public boolean tableLocksCommit() {
    return true;
  }

  @Override
  public boolean delimiterDirective() {
    return true;
  }
}
