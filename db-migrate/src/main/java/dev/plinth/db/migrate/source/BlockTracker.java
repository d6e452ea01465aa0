package dev.plinth.db.migrate.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Follows the {@code BEGIN ... END} nesting of one statement, so that the semicolons inside a
 * trigger, function or procedure body do not end it. Only {@code CREATE} statements of a routine
 * kind (see {@link SqlSyntax#routineKinds()}) are followed: elsewhere {@code BEGIN} starts a
 * transaction. Inside a body, {@code CASE} opens a block closed by {@code END} (an expression) or
 * {@code END CASE} (a statement), and a compound statement word such as MySQL's {@code IF} opens
 * one only where a statement starts, so that the {@code IF()} function and {@code IF EXISTS} do
 * not.
 */
final class BlockTracker {
  private static final Set<String> ROUTINE_PREFIX =
      Set.of("OR", "REPLACE", "AGGREGATE", "TEMP", "TEMPORARY", "DEFINER", "CURRENT_USER");
  private static final Set<String> END_QUALIFIERS = Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT");
  private static final int MAX_ROUTINE_PREFIX_WORDS = 8;

  private enum Block {
    BEGIN,
    CASE_EXPRESSION,
    CASE_STATEMENT,
    COMPOUND
  }

  private final SqlSyntax syntax;
  private final Deque<Block> blocks = new ArrayDeque<>();
  private int words;
  private boolean routine;
  private boolean undecided;
  private boolean definer;
  private boolean statementStart;
  private boolean labelCandidate;
  private boolean afterEnd;

  BlockTracker(SqlSyntax syntax) {
    this.syntax = syntax;
  }

  /** Forgets everything: a new statement starts. */
  void reset() {
    blocks.clear();
    words = 0;
    routine = false;
    undecided = false;
    definer = false;
    resetFlags();
  }

  /** How many blocks are open. */
  int depth() {
    return blocks.size();
  }

  /** Takes the next word (keyword or unquoted identifier) of the statement. */
  void onWord(String word) {
    String upper = word.toUpperCase(Locale.ROOT);
    words++;
    if (!routine) {
      classify(upper);
      return;
    }
    boolean atStart = statementStart;
    boolean qualifier = afterEnd && END_QUALIFIERS.contains(upper);
    resetFlags();
    labelCandidate = atStart;
    if (!qualifier) {
      onKeyword(upper, atStart);
    }
  }

  /** Takes a character that is neither blank, nor part of a word, quote or comment. */
  void onSymbol(char c) {
    boolean label = c == ':' && labelCandidate;
    resetFlags();
    statementStart = label || (c == ';' && !blocks.isEmpty());
  }

  /** Takes a quoted string or identifier. */
  void onQuoted() {
    resetFlags();
  }

  private void onKeyword(String word, boolean atStart) {
    switch (word) {
      case "BEGIN":
        blocks.push(Block.BEGIN);
        statementStart = true;
        break;
      case "CASE":
        blocks.push(atStart ? Block.CASE_STATEMENT : Block.CASE_EXPRESSION);
        break;
      case "END":
        if (!blocks.isEmpty()) {
          blocks.pop();
        }
        afterEnd = true;
        break;
      case "THEN":
      case "ELSE":
      case "DO":
        statementStart = !blocks.isEmpty() && blocks.peek() != Block.CASE_EXPRESSION;
        break;
      default:
        if (atStart && !blocks.isEmpty() && syntax.compoundStatements().contains(word)) {
          blocks.push(Block.COMPOUND);
          statementStart = word.equals("LOOP") || word.equals("REPEAT");
        }
    }
  }

  /** Decides from the first words whether the statement creates a routine with a body. */
  private void classify(String word) {
    if (words == 1) {
      undecided = word.equals("CREATE");
    } else if (undecided) {
      if (syntax.routineKinds().contains(word)) {
        routine = true;
        undecided = false;
      } else if (word.equals("DEFINER")) {
        definer = true;
      } else if (!ROUTINE_PREFIX.contains(word)
          && !(definer && words <= MAX_ROUTINE_PREFIX_WORDS)) {
        undecided = false;
      }
    }
  }

  private void resetFlags() {
    statementStart = false;
    labelCandidate = false;
    afterEnd = false;
  }
}
