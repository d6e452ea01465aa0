package dev.plinth.db.core.dialect.postgresql;

import dev.plinth.db.core.UrlSanitizer;
import dev.plinth.db.core.error.CheckConstraintException;
import dev.plinth.db.core.error.DbAccessDeniedException;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DeadlockException;
import dev.plinth.db.core.error.DriverError;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.error.ErrorChain;
import dev.plinth.db.core.error.NoSuchConstraintException;
import dev.plinth.db.core.error.NoSuchDatabaseException;
import dev.plinth.db.core.error.NoSuchTableException;
import dev.plinth.db.core.error.NotNullException;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.core.error.UniqueKeyNames;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates pgjdbc exceptions by SQLSTATE. Constraint violations take their table, constraint and
 * column from the server's structured error fields ({@link ServerErrorMessage}); the key columns
 * and values come from the DETAIL line ({@code Key (a, b)=(x, y) already exists.}), as oslo.db
 * reads them. Only the missing-object errors, which carry no structured fields, are read from the
 * message text.
 */
final class PostgresErrors {
  private static final Set<String> LOCK_FAILURES = Set.of("40P01", "40001", "55P03");
  private static final Set<String> CONNECTION_FAILURES = Set.of("57P01", "57P02", "57P03", "53300");
  private static final String ABORTED_TRANSACTION = "25P02";
  private static final Set<String> ACCESS_DENIED = Set.of("28000", "28P01", "42501");

  private static final Pattern DETAIL_KEY =
      Pattern.compile(
          "^Key \\((.*?)\\)=\\((.*)\\) (?:already exists|is not present in table"
              + "|is still referenced from table)");
  private static final Pattern DETAIL_KEY_TABLE =
      Pattern.compile("(?:is not present in|is still referenced from) table \"(.+)\"\\.?$");
  private static final Pattern MISSING_TABLE =
      Pattern.compile("(?:relation|table) \"(.+?)\" does not exist");
  private static final Pattern MISSING_DATABASE =
      Pattern.compile("database \"(.+?)\" does not exist");
  private static final Pattern MISSING_CONSTRAINT =
      Pattern.compile("constraint \"(.+?)\" of relation \"(.+?)\" does not exist");

  private PostgresErrors() {}

  static DbException translate(SQLException e) {
    if (ABORTED_TRANSACTION.equals(e.getSQLState())) {
      return abortedTransaction(e);
    }
    return ErrorChain.translate(e, PostgresErrors::classify);
  }

  /**
   * A statement refused because an earlier one failed in the same transaction and its failure was
   * caught and swallowed. pgjdbc attaches that earlier failure as the cause; it is named, but the
   * error is this one: nothing runs until the transaction ends.
   */
  private static DbException abortedTransaction(SQLException e) {
    String earlier =
        e.getCause() == null
            ? ""
            : " ("
                + UrlSanitizer.sanitizeText(String.valueOf(e.getCause().getMessage()))
                    .split("\\R")[0]
                + ")";
    return new DbException(
        "the transaction was aborted by an earlier failure that was caught and not rethrown"
            + earlier
            + "; no statement runs until it ends: let the failure end the block, or run the"
            + " statement that may fail in a savepoint()",
        e);
  }

  private static DbException classify(DriverError error) {
    String state = error.sqlState();
    String message = error.message();
    SQLException cause = error.thrown();
    if (LOCK_FAILURES.contains(state)) {
      return new DeadlockException(message, cause);
    }
    if (CONNECTION_FAILURES.contains(state)) {
      return new DbConnectionException(message, cause);
    }
    if (ACCESS_DENIED.contains(state)) {
      return new DbAccessDeniedException(message, cause);
    }
    switch (state) {
      case "42P01":
        return new NoSuchTableException(message, cause, group(MISSING_TABLE, message, 1));
      case "3D000":
        return new NoSuchDatabaseException(message, cause, group(MISSING_DATABASE, message, 1));
      case "42704":
        return missingConstraint(error);
      default:
        return constraintViolation(error);
    }
  }

  private static DbException missingConstraint(DriverError error) {
    Matcher m = MISSING_CONSTRAINT.matcher(error.message());
    return m.find()
        ? new NoSuchConstraintException(error.message(), error.thrown(), m.group(2), m.group(1))
        : null;
  }

  private static DbException constraintViolation(DriverError error) {
    if (!(error.source() instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
      return null;
    }
    ServerErrorMessage server = psql.getServerErrorMessage();
    String message = error.message();
    SQLException cause = error.thrown();
    String detail = server.getDetail() == null ? "" : server.getDetail();
    switch (error.sqlState()) {
      case "23505":
        return new DuplicateEntryException(
            message,
            cause,
            duplicateColumns(server.getConstraint(), detail),
            group(DETAIL_KEY, detail, 2));
      case "23503":
        return new ReferenceException(
            message,
            cause,
            server.getTable(),
            server.getConstraint(),
            group(DETAIL_KEY, detail, 1),
            group(DETAIL_KEY_TABLE, detail, 1));
      case "23514":
        return new CheckConstraintException(
            message, cause, server.getTable(), server.getConstraint());
      case "23502":
        return new NotNullException(message, cause, server.getTable(), server.getColumn());
      default:
        return null;
    }
  }

  /** The key's columns from DETAIL, else from a uniq_ constraint name, else unknown. */
  private static List<String> duplicateColumns(String constraint, String detail) {
    String columns = group(DETAIL_KEY, detail, 1);
    if (columns != null) {
      return List.of(columns.split(", "));
    }
    return UniqueKeyNames.columns(constraint).orElse(List.of());
  }

  private static String group(Pattern pattern, String text, int group) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(group) : null;
  }
}
