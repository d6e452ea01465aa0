package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.source.SqlSyntax.Lexeme;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One pass of the statement splitter over one script; see {@link StatementSplitter}. */
final class SplitRun {
  private static final String DEFAULT_DELIMITER = ";";
  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "(?i)delimiter(?=[ \\t\\n]|$)(?:[ \\t]+(\\S+))?[ \\t]*(\\S.*)?$", Pattern.MULTILINE);

  private final SqlSyntax syntax;
  private final String text;
  private final String origin;
  private final int firstLine;
  private final BlockTracker blocks;
  private final List<SqlStatement> statements = new ArrayList<>();
  private String delimiter = DEFAULT_DELIMITER;
  private int start = -1;
  private int parentheses;
  private int pos;

  SplitRun(SqlSyntax syntax, String text, String origin, int firstLine) {
    this.syntax = syntax;
    this.text = ScriptChecksum.normalise(text);
    this.origin = origin;
    this.firstLine = firstLine;
    this.blocks = new BlockTracker(syntax);
  }

  List<SqlStatement> run() {
    while (pos < text.length()) {
      step();
    }
    if (start >= 0) {
      if (blocks.depth() > 0 && delimiter.equals(DEFAULT_DELIMITER)) {
        throw error(start, "the statement has a BEGIN (or CASE, IF, LOOP) without its END");
      }
      finish(text.length());
    }
    return List.copyOf(statements);
  }

  private void step() {
    char c = text.charAt(pos);
    if (Character.isWhitespace(c)) {
      pos++;
    } else if (start < 0 && syntax.delimiterDirective() && atLineStart() && directive()) {
      return;
    } else if (text.startsWith(delimiter, pos) && delimiterEnds()) {
      finish(pos);
      pos += delimiter.length();
    } else {
      token(c);
    }
  }

  private void token(char c) {
    Lexeme lexeme = syntax.lex(text, pos);
    if (lexeme != null) {
      if (lexeme.unterminated()) {
        throw error(pos, "unterminated " + lexeme.what());
      }
      if (lexeme.significant()) {
        begin();
        blocks.onQuoted();
      }
      pos = lexeme.end();
    } else if (Lexemes.isWordStart(c)) {
      int end = wordEnd();
      begin();
      blocks.onWord(text.substring(pos, end));
      pos = end;
    } else {
      begin();
      parentheses += c == '(' ? 1 : c == ')' && parentheses > 0 ? -1 : 0;
      blocks.onSymbol(c);
      pos++;
    }
  }

  private boolean delimiterEnds() {
    if (!delimiter.equals(DEFAULT_DELIMITER)) {
      return true;
    }
    return blocks.depth() == 0 && (parentheses == 0 || !syntax.parenthesesHoldDelimiter());
  }

  private int wordEnd() {
    int end = pos + 1;
    while (end < text.length()
        && Lexemes.isWordPart(text.charAt(end))
        && !text.startsWith(delimiter, end)) {
      end++;
    }
    return end;
  }

  /**
   * Handles a {@code DELIMITER x} line between statements; false if the line is something else.
   * Inside a statement the word is an identifier, as a column may be named {@code delimiter}.
   */
  private boolean directive() {
    Matcher line = DIRECTIVE.matcher(text).region(pos, text.length());
    if (!line.lookingAt()) {
      return false;
    }
    if (line.group(1) == null || line.group(2) != null || line.group(1).contains("\\")) {
      throw error(pos, "expected 'DELIMITER <delimiter>' (one word, no backslash)");
    }
    delimiter = line.group(1);
    pos = line.end();
    return true;
  }

  private boolean atLineStart() {
    int i = pos - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i--;
    }
    return i < 0 || text.charAt(i) == '\n';
  }

  private void begin() {
    if (start < 0) {
      start = pos;
    }
  }

  private void finish(int end) {
    if (start >= 0) {
      statements.add(new SqlStatement(text.substring(start, end).strip(), lineOf(start)));
    }
    start = -1;
    parentheses = 0;
    blocks.reset();
  }

  private int lineOf(int index) {
    int line = firstLine;
    for (int i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
      line++;
    }
    return line;
  }

  private InvalidMigrationException error(int index, String message) {
    return new InvalidMigrationException(origin + ":" + lineOf(index) + ": " + message);
  }
}
