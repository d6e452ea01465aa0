package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps a transactional revision atomic against the transaction control of its own script. The one
 * pair a dump wraps itself in (a {@code BEGIN} or {@code START TRANSACTION} before a single {@code
 * COMMIT} or {@code END}, nothing else ending a transaction) is absorbed: both are left out and the
 * revision's transaction takes their place, which keeps all of it atomic. MySQL's {@code LOCK
 * TABLES} and {@code UNLOCK TABLES}, which would commit, are left out too: the revision's
 * transaction holds its rows' locks. Any other statement that starts, ends or changes the
 * transaction ({@code ROLLBACK}, a second {@code BEGIN}, {@code SET autocommit}, {@code XA}, {@code
 * PREPARE TRANSACTION}) is refused before anything runs. Savepoints stay: they do not end the
 * transaction.
 */
final class TransactionControl {
  private static final Pattern OTHER =
      Pattern.compile(
          "(?is)(ROLLBACK(?!\\s+(WORK\\s+|TRANSACTION\\s+)?TO\\b)|ABORT|XA|PREPARE\\s+TRANSACTION"
              + "|COMMIT\\s+PREPARED|SET\\s+(SESSION\\s+|LOCAL\\s+|@@(SESSION\\.)?)?AUTOCOMMIT)\\b.*");
  private static final Pattern BEGIN =
      Pattern.compile("(?is)(BEGIN(?!\\s+(NOT|ATOMIC)\\b)|START\\s+TRANSACTION)\\b.*");
  private static final Pattern COMMIT =
      Pattern.compile("(?is)(COMMIT(?!\\s+PREPARED\\b)|END)\\b.*");
  private static final Pattern TABLE_LOCK = Pattern.compile("(?is)(UN)?LOCK\\s+TABLES?\\b.*");

  private TransactionControl() {}

  /**
   * The statements a transactional revision runs: {@code statements} without the absorbed ones.
   *
   * @throws InvalidMigrationException naming the file and line of the first statement that would
   *     break the revision's atomicity
   */
  static List<SqlStatement> absorb(List<SqlStatement> statements, SqlSyntax syntax, String origin) {
    List<SqlStatement> kept = new ArrayList<>(statements.size());
    SqlStatement begin = null;
    SqlStatement commit = null;
    for (SqlStatement statement : statements) {
      String sql = statement.sql();
      if (syntax.tableLocksCommit() && TABLE_LOCK.matcher(sql).matches()) {
        continue;
      }
      if (OTHER.matcher(sql).matches()) {
        throw refusal(origin, statement, "it would end or change the revision's transaction");
      } else if (BEGIN.matcher(sql).matches()) {
        if (begin != null) {
          throw refusal(origin, statement, "the script already began its transaction");
        }
        begin = statement;
      } else if (COMMIT.matcher(sql).matches()) {
        if (begin == null || commit != null) {
          throw refusal(origin, statement, "it would commit part of the revision");
        }
        commit = statement;
      } else {
        kept.add(statement);
      }
    }
    if (begin != null && commit == null) {
      throw refusal(origin, begin, "the script's own transaction has no COMMIT");
    }
    return kept;
  }

  private static InvalidMigrationException refusal(
      String origin, SqlStatement statement, String why) {
    return new InvalidMigrationException(
        origin
            + ":"
            + statement.line()
            + ": '"
            + statement.sql().lines().findFirst().orElse("")
            + "' controls the transaction inside a transactional revision ("
            + why
            + "). A SQL file runs in one transaction with the version update; the only"
            + " transaction control allowed is a single BEGIN ... COMMIT around the script. Remove"
            + " it, or declare '-- transactional: false' in the header to run the file statement"
            + " by statement as its database's client would");
  }
}
