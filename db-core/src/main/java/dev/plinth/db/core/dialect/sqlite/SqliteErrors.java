package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.error.CheckConstraintException;
import dev.plinth.db.core.error.DataException;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DeadlockException;
import dev.plinth.db.core.error.DriverError;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.error.ErrorChain;
import dev.plinth.db.core.error.IntegrityException;
import dev.plinth.db.core.error.NoSuchConstraintException;
import dev.plinth.db.core.error.NoSuchDatabaseException;
import dev.plinth.db.core.error.NoSuchTableException;
import dev.plinth.db.core.error.NotNullException;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.core.error.UniqueKeyNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteException;

/**
 * Translates sqlite-jdbc exceptions. The driver sets no SQLSTATE, so classification reads SQLite's
 * extended result codes from {@link SQLiteException#getResultCode()}; the native message (which the
 * driver wraps in {@code [SQLITE_X] description (native message)}) only supplies names: the columns
 * of a UNIQUE failure, the table and column of a NOT NULL failure, the missing table.
 */
final class SqliteErrors {
  private static final int CONSTRAINT = 19;
  private static final int CONSTRAINT_CHECK = 275;
  private static final int CONSTRAINT_FOREIGNKEY = 787;
  private static final int CONSTRAINT_NOTNULL = 1299;
  private static final int CONSTRAINT_PRIMARYKEY = 1555;
  private static final int CONSTRAINT_UNIQUE = 2067;
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int CANTOPEN = 14;
  private static final int TOOBIG = 18;
  private static final int MISMATCH = 20;

  private static final Pattern DRIVER_WRAPPING =
      Pattern.compile("^\\[SQLITE_\\w+\\][^(]*\\((.*)\\)$", Pattern.DOTALL);
  private static final Pattern UNIQUE = Pattern.compile("UNIQUE constraint failed: (.+)$");
  private static final Pattern NOT_NULL =
      Pattern.compile("NOT NULL constraint failed: (?:(.+)\\.)?([^.]+)$");
  private static final Pattern CHECK = Pattern.compile("CHECK constraint failed: (.+)$");
  private static final Pattern NO_SUCH_TABLE = Pattern.compile("no such table: (.+)$");
  private static final Pattern NO_SUCH_CONSTRAINT = Pattern.compile("no such constraint: (.+)$");
  private static final Pattern MISSING_DIRECTORY =
      Pattern.compile("^path to '(.+)': '.+' does not exist$");

  private SqliteErrors() {}

  static DbException translate(SQLException e) {
    return ErrorChain.translate(e, SqliteErrors::classify);
  }

  private static DbException classify(DriverError error) {
    if (error.source() instanceof SQLiteException sqlite) {
      return byResultCode(error, sqlite.getResultCode().code, nativeMessage(error.message()));
    }
    Matcher missingDirectory = MISSING_DIRECTORY.matcher(error.message());
    if (missingDirectory.find()) {
      return new NoSuchDatabaseException(
          error.message(), error.thrown(), missingDirectory.group(1));
    }
    return null;
  }

  private static DbException byResultCode(DriverError error, int code, String text) {
    String message = error.message();
    SQLException cause = error.thrown();
    switch (code) {
      case CONSTRAINT_UNIQUE:
      case CONSTRAINT_PRIMARYKEY:
        return new DuplicateEntryException(message, cause, uniqueColumns(text), null);
      case CONSTRAINT_FOREIGNKEY:
        return new ReferenceException(message, cause, null, null, null, null);
      case CONSTRAINT_NOTNULL:
        Matcher notNull = NOT_NULL.matcher(text);
        return notNull.find()
            ? new NotNullException(message, cause, notNull.group(1), notNull.group(2))
            : new NotNullException(message, cause, null, null);
      case CONSTRAINT_CHECK:
        return new CheckConstraintException(message, cause, null, group(CHECK, text));
      case TOOBIG:
      case MISMATCH:
        return new DataException(message, cause);
      default:
        return byPrimaryCode(error, code & 0xff, text);
    }
  }

  private static DbException byPrimaryCode(DriverError error, int primary, String text) {
    String message = error.message();
    SQLException cause = error.thrown();
    switch (primary) {
      case CONSTRAINT:
        return new IntegrityException(message, cause);
      case BUSY:
      case LOCKED:
        return new DeadlockException(message, cause);
      case CANTOPEN:
        return new NoSuchDatabaseException(message, cause, null);
      default:
        return byMessage(error, text);
    }
  }

  private static DbException byMessage(DriverError error, String text) {
    String table = group(NO_SUCH_TABLE, text);
    if (table != null) {
      return new NoSuchTableException(error.message(), error.thrown(), table);
    }
    String constraint = group(NO_SUCH_CONSTRAINT, text);
    if (constraint != null) {
      return new NoSuchConstraintException(error.message(), error.thrown(), null, constraint);
    }
    return null;
  }

  /** Columns of "UNIQUE constraint failed: t.a, t.b", or of the index's uniq_ name. */
  private static List<String> uniqueColumns(String text) {
    String list = group(UNIQUE, text);
    if (list == null) {
      return List.of();
    }
    if (list.startsWith("index '")) {
      return UniqueKeyNames.columns(list.substring(7, list.length() - 1)).orElse(List.of());
    }
    List<String> columns = new ArrayList<>();
    for (String qualified : list.split(", ")) {
      columns.add(qualified.substring(qualified.lastIndexOf('.') + 1));
    }
    return columns;
  }

  private static String nativeMessage(String message) {
    Matcher m = DRIVER_WRAPPING.matcher(message);
    return m.matches() ? m.group(1) : message;
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
