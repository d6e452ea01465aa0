package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gives a table a new declaration without copying its rows, by SQLite's documented procedure for
 * schema changes that leave the stored content as it is (<a
 * href="https://www.sqlite.org/lang_altertable.html#otheralter">lang_altertable.html</a>, "other
 * kinds of table schema changes"): the table's CREATE TABLE text in {@code sqlite_master} is
 * replaced under {@code writable_schema} and the schema version raised, inside the running
 * transaction, so that a rollback undoes it and every other connection reads the schema again after
 * the commit.
 *
 * <p>It is planned only where the rows and keys stored under the old declaration read the same
 * under the new one, and SQLite itself is asked about the layout. Both the new declaration and the
 * table's current text are created as temporary tables: the new one's automatic indexes (primary
 * key and unique constraints, in order, with their columns, sort orders and collations), rowid,
 * STRICT and column order must be the table's, and each kept column must have the same collation in
 * both (as an index on it alone reports it), so that the table's own indexes stay in order. Each
 * kept column must also keep its type affinity and AUTOINCREMENT; a column the batch added may not
 * be NOT NULL without a default (its rows hold no value); Plinth's model of the table must hold
 * exactly the columns SQLite reads from its text (the new text is rendered from the model), none
 * hidden or generated. Before the new text is written:
 *
 * <ul>
 *   <li>a column made NOT NULL with a default gets it in the rows that hold NULL, as the copy's
 *       {@code COALESCE} would; made NOT NULL without one, it must hold no NULL, or nothing is
 *       planned (the copy then fails on the row as SQLite reports it);
 *   <li>a kept column whose default changes gets its old default written into the rows that read
 *       it: rows older than the {@code ALTER TABLE ADD COLUMN} that created a column do not store
 *       it and read the default of the current declaration, so they would otherwise change value.
 * </ul>
 *
 * Every check of the new declaration is tried on the rows after the new text is in place (as the
 * copy tries them on every row), by an update that fails on the first row that violates it and
 * changes nothing otherwise; a new foreign key is left to the {@code foreign_key_check} that the
 * schema-change transaction runs before it commits. These updates would fire the table's triggers
 * (and a trigger could hide a row from them), so a table with triggers that needs one is left to
 * the copy; so is a batch whose updates would run under a check it drops, one that drops a column
 * an index, trigger or view names (SQLite's DROP COLUMN would refuse it), and a table with an
 * AUTOINCREMENT column. Every update is {@code UPDATE OR ABORT}, whatever conflict clause the
 * table's keys carry.
 */
final class SqliteRedeclaration {
  private static final String CREATE_TABLE = "CREATE TABLE ";

  /** The temporary table that SQLite parses the new declaration into. */
  private static final String TARGET_PROBE = "plinth_redeclaration_target";

  /** The temporary table that SQLite parses the table's current declaration into. */
  private static final String LIVE_PROBE = "plinth_redeclaration_live";

  private final Tx tx;
  private final Dialect dialect;

  private SqliteRedeclaration(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  /** See {@link Dialect#redeclaration}. */
  static Optional<List<String>> plan(
      Tx tx, Dialect dialect, Table current, Table target, Map<String, String> origins) {
    return new SqliteRedeclaration(tx, dialect).plan(current, target, origins);
  }

  private Optional<List<String>> plan(Table current, Table target, Map<String, String> origins) {
    if (!writableSchemaAllowed()) {
      return Optional.empty();
    }
    String create = dialect.ddl().createTable(target).get(0);
    Optional<String> declared = liveDeclaration(current.name());
    if (declared.isEmpty() || autoIncrement(declared.get(), current, target)) {
      return Optional.empty();
    }
    Map<String, String> renamed = new HashMap<>();
    origins.forEach((to, from) -> renamed.put(from, to));
    SqliteTableLayout before = SqliteTableLayout.read(tx, "main", current.name());
    Optional<SqliteTableLayout> probedAfter =
        SqliteTableLayout.probe(tx, dialect, TARGET_PROBE, afterName(create));
    Optional<SqliteTableLayout> probedLive =
        SqliteTableLayout.probe(tx, dialect, LIVE_PROBE, declared.get());
    if (probedAfter.isEmpty() || probedLive.isEmpty()) {
      return Optional.empty();
    }
    SqliteTableLayout after = probedAfter.get();
    SqliteTableLayout live = probedLive.get();
    if (!sameKeys(before.renamed(renamed), after)
        || !allModelled(before, live, current)
        || !sameColumns(before, live, after, renamed, origins, current, target)) {
      return Optional.empty();
    }
    List<SqliteTableLayout.ColumnInfo> kept =
        before.columns().stream().filter(c -> renamed.containsKey(c.name())).toList();
    List<String> dropped =
        before.columns().stream()
            .map(SqliteTableLayout.ColumnInfo::name)
            .filter(c -> !renamed.containsKey(c))
            .toList();
    Optional<List<String>> updates = rowUpdates(current, target, kept, after.columns());
    if (updates.isEmpty()
        || (!updates.get().isEmpty() && !droppedChecks(current, target).isEmpty())
        || ((!updates.get().isEmpty() || !target.checks().isEmpty()) && hasTriggers(current.name()))
        || mentionedElsewhere(current.name(), dropped)
        || target.checks().stream().anyMatch(c -> !namesAColumn(c.expression(), target))) {
      return Optional.empty();
    }
    List<String> statements = new ArrayList<>(updates.get());
    long version = tx.queryOne("PRAGMA schema_version", rs -> rs.getLong(1)).orElseThrow();
    statements.add("PRAGMA writable_schema = ON");
    statements.add(
        "UPDATE sqlite_master SET sql = "
            + dialect.ddl().literal(create)
            + " WHERE type = 'table' AND name = "
            + dialect.ddl().literal(current.name())
            + " COLLATE NOCASE");
    statements.add("PRAGMA schema_version = " + (version + 1));
    statements.add("PRAGMA writable_schema = RESET");
    target.checks().forEach(check -> statements.add(checkRows(target, check)));
    return Optional.of(statements);
  }

  /**
   * Whether the table has or gets an AUTOINCREMENT column. The probes would create {@code
   * temp.sqlite_sequence}, which then hides the real one on this connection, so such a table is
   * left to the copy.
   */
  private static boolean autoIncrement(String declared, Table current, Table target) {
    return declared.toUpperCase(Locale.ROOT).contains("AUTOINCREMENT")
        || current.columns().stream().anyMatch(Column::autoIncrement)
        || target.columns().stream().anyMatch(Column::autoIncrement);
  }

  /**
   * The checks of {@code current} that {@code target} does not have, name and text alike. Until the
   * new text is written they still apply, to the updates before it too.
   */
  private static List<CheckConstraint> droppedChecks(Table current, Table target) {
    return current.checks().stream().filter(c -> !target.checks().contains(c)).toList();
  }

  /**
   * Whether an index, trigger or view names one of the {@code dropped} columns of {@code table} (by
   * a plain search of its SQL, so possibly where it does not use it): SQLite's DROP COLUMN refuses
   * a column that a partial or expression index, a trigger or a view uses.
   */
  private boolean mentionedElsewhere(String table, List<String> dropped) {
    List<String> texts =
        tx.query(
            "SELECT lower(sql) FROM sqlite_master WHERE sql IS NOT NULL AND (type = 'view'"
                + " OR type = 'trigger' OR (type = 'index' AND tbl_name = ? COLLATE NOCASE))",
            rs -> rs.getString(1),
            table);
    return dropped.stream()
        .map(c -> c.toLowerCase(Locale.ROOT))
        .anyMatch(c -> texts.stream().anyMatch(sql -> sql.contains(c)));
  }

  /**
   * Whether {@code expression} names a column of {@code table} outside its string literals. SQLite
   * tries a check on UPDATE only when it names an updated column, so the update that tries the
   * checks would pass over one that names none ({@code 1 = 0}, {@code rowid < 2}).
   */
  private static boolean namesAColumn(String expression, Table table) {
    String code = expression.replaceAll("'([^']|'')*'", "''");
    return table.columns().stream()
        .anyMatch(
            c ->
                Pattern.compile(
                        "(?<![\\w$])[\"`\\[]?" + Pattern.quote(c.name()) + "[\"`\\]]?(?![\\w$])",
                        Pattern.CASE_INSENSITIVE)
                    .matcher(code)
                    .find());
  }

  /**
   * An update that sets every column of the rows that fail {@code check} to itself, so that SQLite
   * evaluates the check on them (it skips checks over columns an update does not set) and fails
   * with {@code CHECK constraint failed: NAME}, as the copy would; it changes nothing otherwise.
   */
  private String checkRows(Table table, CheckConstraint check) {
    String sets =
        table.columns().stream()
            .map(c -> dialect.quote(c.name()))
            .map(c -> c + " = " + c)
            .collect(Collectors.joining(", "));
    return "UPDATE OR ABORT "
        + dialect.quote(table.name())
        + " SET "
        + sets
        + " WHERE NOT ("
        + check.expression()
        + ")";
  }

  /**
   * The updates that keep each kept column's values what the copy would make them: NULLs filled
   * under a new NOT NULL with a default, the old default stored where a default changes; empty if a
   * new NOT NULL without a default finds a NULL.
   */
  private Optional<List<String>> rowUpdates(
      Table current,
      Table target,
      List<SqliteTableLayout.ColumnInfo> kept,
      List<SqliteTableLayout.ColumnInfo> after) {
    List<String> updates = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      SqliteTableLayout.ColumnInfo was = kept.get(i);
      SqliteTableLayout.ColumnInfo is = after.get(i);
      boolean changes =
          is.notNull() != was.notNull() || !Objects.equals(was.defaultValue(), is.defaultValue());
      if (changes && !(expression(was.defaultValue()) && expression(is.defaultValue()))) {
        return Optional.empty();
      }
      boolean nullsFilled = false;
      if (is.notNull() && !was.notNull()) {
        if (nullDefault(is.defaultValue())) {
          if (holdsNull(current.name(), was.name())) {
            return Optional.empty();
          }
        } else {
          updates.add(update(target.name(), is.name(), is.defaultValue(), "NULL"));
          nullsFilled = nullDefault(was.defaultValue());
        }
      }
      if (!Objects.equals(was.defaultValue(), is.defaultValue()) && !nullsFilled) {
        String old = was.defaultValue() == null ? "NULL" : was.defaultValue();
        updates.add(update(target.name(), is.name(), dialect.quote(is.name()), old));
      }
    }
    return Optional.of(updates);
  }

  /**
   * Whether default {@code value}, as SQLite reports it, reads the same used as an expression:
   * none, a literal, CURRENT_TIME/DATE/TIMESTAMP or a parenthesised expression. SQLite takes a bare
   * or quoted identifier ({@code DEFAULT active}, {@code DEFAULT "a"}) as a string but reports it
   * as written, where an expression would name a column.
   */
  private static boolean expression(String value) {
    if (value == null) {
      return true;
    }
    String v = value.trim();
    return v.startsWith("(")
        || SqliteDdlRenderer.LITERAL.matcher(v).matches()
        || v.matches("(?i)current_(time|date|timestamp)");
  }

  /**
   * Whether a column with default {@code value} (as SQLite reports it) reads NULL where it holds no
   * value: no default, {@code DEFAULT NULL}, or an expression that yields NULL.
   */
  private boolean nullDefault(String value) {
    if (value == null) {
      return true;
    }
    try {
      return tx.queryOne("SELECT (" + value + ") IS NULL", rs -> rs.getInt(1) != 0).orElse(true);
    } catch (DbException e) {
      return true;
    }
  }

  /** False where the connection refuses to write the schema (SQLITE_DBCONFIG_DEFENSIVE). */
  private boolean writableSchemaAllowed() {
    tx.update("PRAGMA writable_schema = ON");
    try {
      return tx.queryOne("PRAGMA writable_schema", rs -> rs.getInt(1)).orElse(0) == 1;
    } finally {
      tx.update("PRAGMA writable_schema = OFF");
    }
  }

  /**
   * The live table's CREATE TABLE text after its name, as SQLite stored it ({@code CREATE TABLE},
   * the name token as written, the rest); empty if it does not read so.
   */
  private Optional<String> liveDeclaration(String table) {
    return tx.queryOne(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
            rs -> rs.getString(1),
            table)
        .filter(sql -> sql.regionMatches(true, 0, CREATE_TABLE, 0, CREATE_TABLE.length()))
        .map(SqliteRedeclaration::afterName);
  }

  /** {@code CREATE TABLE name rest} as {@code rest}, the name quoted in any of SQLite's ways. */
  static String afterName(String createTable) {
    int start = CREATE_TABLE.length();
    char first = createTable.charAt(start);
    int end;
    if (first == '"' || first == '`' || first == '\'') {
      end = start + 1;
      while (end < createTable.length()) {
        if (createTable.charAt(end) == first) {
          if (end + 1 < createTable.length() && createTable.charAt(end + 1) == first) {
            end += 2;
            continue;
          }
          break;
        }
        end++;
      }
      end++;
    } else if (first == '[') {
      end = createTable.indexOf(']', start) + 1;
    } else {
      end = start;
      while (end < createTable.length()
          && (Character.isLetterOrDigit(createTable.charAt(end))
              || createTable.charAt(end) == '_'
              || createTable.charAt(end) == '$'
              || createTable.charAt(end) > 127)) {
        end++;
      }
    }
    return createTable.substring(Math.min(end, createTable.length()));
  }

  /**
   * Whether Plinth's model of the table has exactly the columns SQLite reads from its declaration,
   * none of them hidden or generated: the new declaration is rendered from the model, so a column
   * the model missed would vanish from it.
   */
  private static boolean allModelled(
      SqliteTableLayout before, SqliteTableLayout live, Table current) {
    List<String> modelled = current.columns().stream().map(Column::name).toList();
    return before.columns().stream().allMatch(c -> c.hidden() == 0)
        && live.columns().stream().allMatch(c -> c.hidden() == 0)
        && before.columns().stream()
            .map(SqliteTableLayout.ColumnInfo::name)
            .toList()
            .equals(modelled)
        && live.columns().stream()
            .map(SqliteTableLayout.ColumnInfo::name)
            .toList()
            .equals(modelled);
  }

  private static boolean sameKeys(Optional<SqliteTableLayout> before, SqliteTableLayout after) {
    return before.isPresent()
        && before.get().keys().equals(after.keys())
        && before.get().withoutRowid() == after.withoutRowid()
        && before.get().strict() == after.strict();
  }

  /**
   * Whether the kept columns come first in their old order, each under its new name with its
   * affinity, its collation (as SQLite reads both declarations) and AUTOINCREMENT, followed only by
   * new columns that may read their default.
   */
  private boolean sameColumns(
      SqliteTableLayout before,
      SqliteTableLayout live,
      SqliteTableLayout after,
      Map<String, String> renamed,
      Map<String, String> origins,
      Table current,
      Table target) {
    List<SqliteTableLayout.ColumnInfo> kept =
        before.columns().stream().filter(c -> renamed.containsKey(c.name())).toList();
    List<SqliteTableLayout.ColumnInfo> columns = after.columns();
    if (columns.size() < kept.size() || columns.stream().anyMatch(c -> c.hidden() != 0)) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      SqliteTableLayout.ColumnInfo is = columns.get(i);
      if (i >= kept.size()) {
        // A column the batch added: its rows hold no value and read the declared default.
        if (origins.containsKey(is.name()) || is.notNull() && nullDefault(is.defaultValue())) {
          return false;
        }
        continue;
      }
      SqliteTableLayout.ColumnInfo was = kept.get(i);
      if (!is.name().equals(renamed.get(was.name()))
          || SqliteAffinity.of(was.type()) != SqliteAffinity.of(is.type())
          || !live.collation(was.name()).equals(after.collation(is.name()))
          || autoIncrement(current, was.name()) != autoIncrement(target, is.name())) {
        return false;
      }
    }
    return true;
  }

  private static boolean autoIncrement(Table table, String column) {
    return table.column(column).map(Column::autoIncrement).orElse(false);
  }

  private boolean holdsNull(String table, String column) {
    return tx.queryOne(
            "SELECT EXISTS (SELECT 1 FROM "
                + dialect.quote(table)
                + " WHERE "
                + dialect.quote(column)
                + " IS NULL)",
            rs -> rs.getInt(1) != 0)
        .orElse(false);
  }

  private boolean hasTriggers(String table) {
    return tx.queryOne(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
                + " AND tbl_name = ? COLLATE NOCASE)",
            rs -> rs.getInt(1) != 0,
            table)
        .orElse(false);
  }

  /**
   * {@code UPDATE OR ABORT table SET column = (value) WHERE column IS (matched)}: OR ABORT so that
   * a key's own {@code ON CONFLICT REPLACE} or {@code IGNORE} cannot drop or skip rows as the copy
   * would not, the parentheses because SQLite reports an expression default without its own.
   */
  private String update(String table, String column, String value, String matched) {
    String quoted = dialect.quote(column);
    return "UPDATE OR ABORT "
        + dialect.quote(table)
        + " SET "
        + quoted
        + " = ("
        + value
        + ") WHERE "
        + quoted
        + " IS ("
        + matched
        + ")";
  }
}
