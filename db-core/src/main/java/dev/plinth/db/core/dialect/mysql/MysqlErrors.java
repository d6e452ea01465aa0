package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.error.CheckConstraintException;
import dev.plinth.db.core.error.DataException;
import dev.plinth.db.core.error.DbAccessDeniedException;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DbNotSupportedException;
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

/**
 * Translates MySQL and MariaDB errors by vendor error code. MariaDB Connector/J's exception
 * subclasses are not trusted (it reports class 22 and 42 errors as {@code
 * SQLSyntaxErrorException}); the server sends no structured fields, so names and values are read
 * from the message of the error the code identifies, with oslo.db's patterns. Galera's answers are
 * classified too: a certification conflict (1213, or 1180 naming the conflict) is a deadlock, a
 * node that is not ready (1047) or lost the primary component at commit (1180) a lost connection.
 */
final class MysqlErrors {
  private static final Set<Integer> DUPLICATE = Set.of(1062, 1586);
  private static final Set<Integer> FOREIGN_KEY = Set.of(1451, 1452, 1216, 1217);
  private static final Set<Integer> CHECK = Set.of(3819, 4025);
  private static final Set<Integer> NOT_NULL = Set.of(1048, 1364);
  private static final Set<Integer> LOCK_FAILURES = Set.of(1213, 1205, 1614, 3572);
  private static final Set<Integer> COMMIT_FAILURES = Set.of(1180, 1181);
  private static final Set<Integer> CONNECTION = Set.of(2002, 2003, 2006, 2013, 1047, 1053, 1927);
  private static final Set<Integer> MISSING_TABLE = Set.of(1146, 1051);
  private static final Set<Integer> DATA = Set.of(1264, 1265, 1292, 1366, 1367, 1406);
  private static final Set<Integer> ACCESS_DENIED = Set.of(1044, 1045, 1142, 1143, 1227, 1698);
  private static final int MISSING_DATABASE = 1049;
  private static final int MISSING_CONSTRAINT = 1091;
  private static final int NOT_SUPPORTED = 1235;

  private static final Pattern DUPLICATE_ENTRY =
      Pattern.compile("Duplicate entry '(.*)' for key '([^']*)'", Pattern.DOTALL);
  private static final Pattern FOREIGN_KEY_FAILS =
      Pattern.compile(
          "foreign key constraint fails \\(`(?:.+?)`\\.`(.+?)`, CONSTRAINT `(.+?)` FOREIGN KEY"
              + " \\((.+?)\\) REFERENCES `(.+?)`");
  private static final Pattern CHECK_FAILED =
      Pattern.compile(
          "(?:CONSTRAINT `(.+?)` failed for `.+?`\\.`(.+?)`|Check constraint '(.+?)' is violated)");
  private static final Pattern COLUMN = Pattern.compile("(?:Column|Field) '(.+?)'");
  private static final Pattern TABLE = Pattern.compile("[Tt]able '(?:[^'.]+\\.)?([^',]+)");
  private static final Pattern DATABASE = Pattern.compile("Unknown database '(.+?)'");
  private static final Pattern DROPPED = Pattern.compile("Can't DROP (?:[A-Z ]+ )?[`'](.+?)[`']");
  private static final Pattern GALERA_ABORT =
      Pattern.compile("(?i)wsrep|deadlock|certification|conflict");
  private static final Pattern GALERA_NOT_PRIMARY =
      Pattern.compile("(?i)not connected to primary component");

  /** A write set over the cluster's limits: the same transaction would fail again. */
  private static final Pattern WRITE_SET_LIMIT = Pattern.compile("(?i)wsrep_max_ws_\\w+ exceeded");

  private MysqlErrors() {}

  static DbException translate(SQLException e) {
    return ErrorChain.translate(e, MysqlErrors::classify);
  }

  private static DbException classify(DriverError error) {
    int code = error.vendorCode();
    String message = error.message();
    SQLException cause = error.thrown();
    if (DUPLICATE.contains(code)) {
      return duplicate(error);
    }
    if (FOREIGN_KEY.contains(code)) {
      return reference(error);
    }
    if (CHECK.contains(code)) {
      Matcher m = CHECK_FAILED.matcher(message);
      boolean found = m.find();
      return new CheckConstraintException(
          message,
          cause,
          found ? m.group(2) : null,
          found ? (m.group(1) != null ? m.group(1) : m.group(3)) : null);
    }
    if (NOT_NULL.contains(code)) {
      return new NotNullException(message, cause, null, group(COLUMN, message));
    }
    if (COMMIT_FAILURES.contains(code) && GALERA_NOT_PRIMARY.matcher(message).find()) {
      // A Galera node cut off from the primary component could not replicate: nothing committed.
      return new DbConnectionException(message, cause);
    }
    if (LOCK_FAILURES.contains(code)
        || COMMIT_FAILURES.contains(code)
            && GALERA_ABORT.matcher(message).find()
            && !WRITE_SET_LIMIT.matcher(message).find()) {
      return new DeadlockException(message, cause);
    }
    if (ACCESS_DENIED.contains(code)) {
      return new DbAccessDeniedException(message, cause);
    }
    if (CONNECTION.contains(code) || error.sqlState().startsWith("08")) {
      return new DbConnectionException(message, cause);
    }
    return missingObjectOrData(error);
  }

  private static DbException missingObjectOrData(DriverError error) {
    int code = error.vendorCode();
    String message = error.message();
    SQLException cause = error.thrown();
    if (MISSING_TABLE.contains(code)) {
      return new NoSuchTableException(message, cause, group(TABLE, message));
    }
    if (code == MISSING_DATABASE) {
      return new NoSuchDatabaseException(message, cause, group(DATABASE, message));
    }
    if (code == MISSING_CONSTRAINT) {
      return new NoSuchConstraintException(message, cause, null, group(DROPPED, message));
    }
    if (DATA.contains(code)) {
      return new DataException(message, cause);
    }
    if (code == NOT_SUPPORTED) {
      return new DbNotSupportedException(message, cause);
    }
    return null;
  }

  /** oslo.db's reading: the value as printed, columns from a uniq_ key name, else the key name. */
  private static DbException duplicate(DriverError error) {
    Matcher m = DUPLICATE_ENTRY.matcher(error.message());
    if (!m.find()) {
      return new DuplicateEntryException(error.message(), error.thrown(), List.of(), null);
    }
    String key = m.group(2);
    List<String> columns = UniqueKeyNames.columns(key).orElse(List.of(key));
    return new DuplicateEntryException(error.message(), error.thrown(), columns, m.group(1));
  }

  private static DbException reference(DriverError error) {
    Matcher m = FOREIGN_KEY_FAILS.matcher(error.message());
    if (!m.find()) {
      return new ReferenceException(error.message(), error.thrown(), null, null, null, null);
    }
    return new ReferenceException(
        error.message(),
        error.thrown(),
        m.group(1),
        m.group(2),
        m.group(3).replace("`", ""),
        m.group(4));
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
