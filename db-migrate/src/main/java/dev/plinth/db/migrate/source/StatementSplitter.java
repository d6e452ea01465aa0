package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a SQL script into statements the way the backend's own command-line client would. Quotes,
 * quoted identifiers and comments never end a statement; neither do PostgreSQL dollar-quoted
 * bodies, the {@code BEGIN ... END} bodies of SQLite triggers, PostgreSQL {@code BEGIN ATOMIC}
 * functions and MySQL routines (tracked by nesting), nor anything before a MySQL {@code DELIMITER}.
 * The backend-specific rules come from one small syntax object per backend.
 */
public final class StatementSplitter {
  private final SqlSyntax syntax;

  private StatementSplitter(SqlSyntax syntax) {
    this.syntax = syntax;
  }

  /**
   * The splitter for a backend.
   *
   * @param backend a dialect name: {@code sqlite}, {@code postgresql} or {@code mysql}
   * @throws IllegalArgumentException for any other name
   */
  public static StatementSplitter forBackend(String backend) {
    return new StatementSplitter(SqlSyntax.forBackend(Objects.requireNonNull(backend, "backend")));
  }

  /**
   * Splits a script whose first line is line 1, naming it {@code <sql>} in errors.
   *
   * @throws InvalidMigrationException if a quote, comment or block is not terminated
   */
  public List<SqlStatement> split(String sql) {
    return split(sql, "<sql>", 1);
  }

  /**
   * Splits a script taken from a file.
   *
   * @param sql the script
   * @param origin the file it comes from, for messages
   * @param firstLine the file line of the script's first line
   * @return the statements, without delimiters and surrounding blanks; comment-only pieces dropped
   * @throws InvalidMigrationException naming the file and line of an unterminated quote, comment or
   *     block, or of a bad {@code DELIMITER} directive
   */
  public List<SqlStatement> split(String sql, String origin, int firstLine) {
    return new SplitRun(syntax, sql, origin, firstLine).run();
  }

  /**
   * One statement as the backend's command-line client reads it back from a script: followed by
   * {@code ;}, or, where the client has a {@code DELIMITER} directive (mysql) and the statement
   * holds a {@code ;} itself (a routine body), between {@code DELIMITER} lines. PostgreSQL
   * dollar-quoted bodies and SQLite trigger bodies need nothing more: their clients track them. A
   * {@code COPY ... FROM STDIN} already followed by its data and {@code \.} line stays as it is.
   *
   * @param sql a statement without its delimiter, as {@link #split(String)} returns it
   * @return the statement with its delimiter, possibly on several lines
   */
  public String scriptStatement(String sql) {
    String body = sql.strip();
    if (body.endsWith("\n\\.") && syntax.readsDataBlock(body)) {
      return body;
    }
    if (syntax.delimiterDirective() && body.contains(";")) {
      String delimiter = body.contains("//") ? "$$" : "//";
      return "DELIMITER " + delimiter + "\n" + body + "\n" + delimiter + "\nDELIMITER ;";
    }
    String lastLine = body.substring(body.lastIndexOf('\n') + 1);
    // a trailing line comment would swallow a delimiter put on the same line
    return body + (lastLine.contains("--") || lastLine.contains("#") ? "\n;" : ";");
  }
}
