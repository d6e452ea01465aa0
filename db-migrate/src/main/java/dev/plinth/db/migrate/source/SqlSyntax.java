package dev.plinth.db.migrate.source;

import dev.plinth.db.core.Dialects;
import java.util.Map;
import java.util.Set;

/**
 * What one backend's SQL looks like to the statement splitter: which quotes and comments it has,
 * which {@code CREATE} statements carry a {@code BEGIN ... END} body, and the few rules of its
 * command-line client (MySQL's {@code DELIMITER}, psql's parentheses). One instance per backend;
 * {@link #forBackend(String)} is the only place that chooses between them.
 */
interface SqlSyntax {

  /**
   * Picks the syntax of a backend.
   *
   * @throws IllegalArgumentException for a name that is not a dialect's
   */
  static SqlSyntax forBackend(String backend) {
    SqlSyntax syntax = BY_BACKEND.get(backend);
    if (syntax == null) {
      throw new IllegalArgumentException(
          "no statement splitter for backend '"
              + backend
              + "': expected one of "
              + Dialects.names());
    }
    return syntax;
  }

  /** The syntax of each backend, keyed by its dialect's name. */
  Map<String, SqlSyntax> BY_BACKEND =
      Map.of(
          Dialects.SQLITE, SqliteSyntax.INSTANCE,
          Dialects.POSTGRESQL, PostgresSyntax.INSTANCE,
          Dialects.MYSQL, MysqlSyntax.INSTANCE);

  /**
   * The quoted string, quoted identifier or comment that starts at {@code pos}, or null if none
   * does. {@code pos} is always at the start of a token, never inside a word.
   */
  Lexeme lex(String text, int pos);

  /** The object kinds whose {@code CREATE} statement may hold a {@code BEGIN ... END} body. */
  Set<String> routineKinds();

  /**
   * Words that open a compound statement closed by {@code END <word>} when they start a statement
   * inside a body (MySQL's {@code IF}, {@code LOOP}, {@code WHILE}, {@code REPEAT}).
   */
  default Set<String> compoundStatements() {
    return Set.of();
  }

  /** Whether the mysql client's {@code DELIMITER} directive is understood. */
  default boolean delimiterDirective() {
    return false;
  }

  /** Whether a delimiter inside parentheses belongs to the statement, as psql has it. */
  default boolean parenthesesHoldDelimiter() {
    return false;
  }

  /**
   * Whether {@code statement} is followed in the script by a data block, ended by a line {@code
   * \.}, as psql reads one after {@code COPY ... FROM STDIN}.
   */
  default boolean readsDataBlock(String statement) {
    return false;
  }

  /**
   * The client's backslash meta-commands that are harmless to skip, by name without the backslash;
   * empty if the client has no meta-commands. Any other line starting with a backslash is refused.
   */
  default Set<String> skippableMetaCommands() {
    return Set.of();
  }

  /**
   * Whether {@code LOCK TABLES} and {@code UNLOCK TABLES} commit the running transaction (MySQL),
   * so that a transactional revision must leave them out.
   */
  default boolean tableLocksCommit() {
    return false;
  }

  /** Whether a backslash at the start of a line starts a client meta-command (psql). */
  default boolean metaCommands() {
    return false;
  }

  /**
   * A lexeme the splitter skips over as a whole.
   *
   * @param end the index just past it, or -1 if it is not terminated
   * @param significant false for comments, which alone do not make a statement
   * @param what what it is, for the message about an unterminated one
   */
  record Lexeme(int end, boolean significant, String what) {

    /** Whether the text ended before the lexeme did. */
    boolean unterminated() {
      return end < 0;
    }
  }
}
