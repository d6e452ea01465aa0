package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import dev.plinth.db.migrate.source.SqlSyntax.Lexeme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  private int counted;
  private int countedLine;

  SplitRun(SqlSyntax syntax, String text, String origin, int firstLine) {
    this.syntax = syntax;
    this.text = ScriptChecksum.normalise(text);
    this.origin = origin;
    this.firstLine = firstLine;
    this.blocks = new BlockTracker(syntax);
    this.countedLine = firstLine;
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
      SqlStatement last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
      if (last != null && last.dataBlock().isEmpty() && syntax.readsDataBlock(last.sql())) {
        statements.set(statements.size() - 1, withDataBlock(last));
      }
    } else if (c == '\\' && syntax.metaCommands()) {
      metaCommand();
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

  /**
   * Reads the data block that psql reads after a {@code COPY ... FROM STDIN}: the lines after the
   * statement's own line, up to a line {@code \.}.
   */
  private SqlStatement withDataBlock(SqlStatement copy) {
    int lineEnd = text.indexOf('\n', pos);
    int from = lineEnd < 0 ? text.length() : lineEnd + 1;
    int at = from;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      int next = end < 0 ? text.length() : end;
      if (next - at == 2 && text.startsWith("\\.", at)) {
        pos = Math.min(text.length(), next + 1);
        return new SqlStatement(copy.sql(), copy.line(), Optional.of(text.substring(from, at)));
      }
      at = next + 1;
    }
    throw error(
        from, "the data of the COPY statement on line " + copy.line() + " has no end line '\\.'");
  }

  /** A psql meta-command: skipped if harmless, refused otherwise. */
  private void metaCommand() {
    int end = text.indexOf('\n', pos);
    end = end < 0 ? text.length() : end;
    String command = text.substring(pos, end).strip();
    String name = command.substring(1).split("[ \t]", 2)[0];
    if (!atLineStart() || !syntax.skippableMetaCommands().contains(name)) {
      throw error(
          pos,
          "psql meta-command '"
              + command
              + "' cannot run through Plinth, which sends SQL to the server (only \\restrict and"
              + " \\unrestrict are skipped): remove it, or write what it does in SQL");
    }
    pos = end;
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

  /** The line of {@code index}, counted on from the last call: linear over a whole run. */
  private int lineOf(int index) {
    if (index < counted) {
      counted = 0;
      countedLine = firstLine;
    }
    for (; counted < index; counted++) {
      if (text.charAt(counted) == '\n') {
        countedLine++;
      }
    }
    return countedLine;
  }

  private InvalidMigrationException error(int index, String message) {
    return new InvalidMigrationException(origin + ":" + lineOf(index) + ": " + message);
  }
}
