package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * under the new one, and SQLite itself is asked about the layout: the new declaration is created as
 * a temporary table, whose automatic indexes (primary key and unique constraints, in order, with
 * their columns, sort orders and collations), rowid, STRICT and column order must be the table's.
 * Each kept column must also keep its type affinity, collation and AUTOINCREMENT, a column the
 * batch added may not be NOT NULL without a default (its rows hold no value), and no column may be
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
 * Those updates would fire the table's triggers, so a table with triggers that needs one is left to
 * the copy. A check that the table did not have is tried on the rows after the new text is in
 * place, by an update that fails on the first row that violates it and changes nothing otherwise; a
 * new foreign key is left to the {@code foreign_key_check} that the schema-change transaction runs
 * before it commits.
 */
final class SqliteRedeclaration {
  /** The temporary table that SQLite parses the new declaration into. */
  private static final String PROBE = "plinth_redeclaration_probe";

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
    Map<String, String> renamed = new HashMap<>();
    origins.forEach((to, from) -> renamed.put(from, to));
    Layout before = Layout.read(tx, "main", current.name());
    Layout after = probe(create, target.name());
    if (!sameKeys(before.renamed(renamed), after)) {
      return Optional.empty();
    }
    List<ColumnInfo> kept =
        before.columns().stream().filter(c -> renamed.containsKey(c.name())).toList();
    if (!sameColumns(kept, after.columns(), renamed, origins, current, target)) {
      return Optional.empty();
    }
    Optional<List<String>> updates = rowUpdates(current, target, kept, after.columns());
    if (updates.isEmpty() || (!updates.get().isEmpty() && hasTriggers(current.name()))) {
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
    newChecks(current, target).forEach(check -> statements.add(checkRows(target, check)));
    return Optional.of(statements);
  }

  /** The checks of {@code target} that {@code current} does not have, by name or else by text. */
  private static List<CheckConstraint> newChecks(Table current, Table target) {
    return target.checks().stream()
        .filter(
            check ->
                current.checks().stream()
                    .noneMatch(
                        old ->
                            check.name() != null
                                ? check.name().equalsIgnoreCase(old.name())
                                : old.name() == null
                                    && old.expression().equals(check.expression())))
        .toList();
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
    return "UPDATE "
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
      Table current, Table target, List<ColumnInfo> kept, List<ColumnInfo> after) {
    List<String> updates = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      ColumnInfo was = kept.get(i);
      ColumnInfo is = after.get(i);
      boolean nullsFilled = false;
      if (is.notNull() && !was.notNull()) {
        if (is.defaultValue() == null) {
          if (holdsNull(current.name(), was.name())) {
            return Optional.empty();
          }
        } else {
          updates.add(update(target.name(), is.name(), is.defaultValue(), "NULL"));
          nullsFilled = was.defaultValue() == null;
        }
      }
      if (!Objects.equals(was.defaultValue(), is.defaultValue()) && !nullsFilled) {
        String old = was.defaultValue() == null ? "NULL" : was.defaultValue();
        updates.add(update(target.name(), is.name(), dialect.quote(is.name()), old));
      }
    }
    return Optional.of(updates);
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

  /** The layout SQLite gives the declaration {@code create} of table {@code name}. */
  private Layout probe(String create, String name) {
    String prefix = "CREATE TABLE " + dialect.quote(name);
    String probe = dialect.quote(PROBE);
    tx.update("DROP TABLE IF EXISTS temp." + probe);
    tx.update("CREATE TEMP TABLE " + probe + create.substring(prefix.length()));
    try {
      return Layout.read(tx, "temp", PROBE);
    } finally {
      tx.update("DROP TABLE temp." + probe);
    }
  }

  private static boolean sameKeys(Optional<Layout> before, Layout after) {
    return before.isPresent()
        && before.get().keys().equals(after.keys())
        && before.get().withoutRowid() == after.withoutRowid()
        && before.get().strict() == after.strict();
  }

  /**
   * Whether the kept columns come first in their old order, each under its new name with its
   * affinity and collation, followed only by new columns, none of them hidden.
   */
  private static boolean sameColumns(
      List<ColumnInfo> kept,
      List<ColumnInfo> after,
      Map<String, String> renamed,
      Map<String, String> origins,
      Table current,
      Table target) {
    if (after.size() < kept.size() || after.stream().anyMatch(c -> c.hidden() != 0)) {
      return false;
    }
    for (int i = 0; i < after.size(); i++) {
      ColumnInfo is = after.get(i);
      if (i >= kept.size()) {
        // A column the batch added: its rows hold no value and read the declared default.
        if (origins.containsKey(is.name()) || is.notNull() && is.defaultValue() == null) {
          return false;
        }
        continue;
      }
      ColumnInfo was = kept.get(i);
      if (was.hidden() != 0
          || !is.name().equals(renamed.get(was.name()))
          || Affinity.of(was.type()) != Affinity.of(is.type())
          || !collation(current, was.name()).equals(collation(target, is.name()))
          || autoIncrement(current, was.name()) != autoIncrement(target, is.name())) {
        return false;
      }
    }
    return true;
  }

  private static boolean autoIncrement(Table table, String column) {
    return table.column(column).map(Column::autoIncrement).orElse(false);
  }

  private static String collation(Table table, String column) {
    String name = table.column(column).map(Column::collation).orElse(null);
    return name == null ? "BINARY" : name.toUpperCase(Locale.ROOT);
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

  /** {@code UPDATE table SET column = value WHERE column IS matched}. */
  private String update(String table, String column, String value, String matched) {
    String quoted = dialect.quote(column);
    return "UPDATE "
        + dialect.quote(table)
        + " SET "
        + quoted
        + " = "
        + value
        + " WHERE "
        + quoted
        + " IS "
        + matched;
  }

  /** SQLite's type affinities, by the rules of datatype3.html section 3.1. */
  private enum Affinity {
    INTEGER,
    TEXT,
    BLOB,
    REAL,
    NUMERIC;

    static Affinity of(String declared) {
      String type = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
      if (type.contains("INT")) {
        return INTEGER;
      }
      if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
        return TEXT;
      }
      if (type.contains("BLOB") || type.isBlank()) {
        return BLOB;
      }
      if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
        return REAL;
      }
      return NUMERIC;
    }
  }

  private record ColumnInfo(
      String name, String type, boolean notNull, String defaultValue, int hidden) {}

  private record KeyPart(String column, boolean descending, String collation) {}

  /** An automatic index: the primary key's (when not the rowid) or a unique constraint's. */
  private record KeyIndex(String origin, boolean partial, List<KeyPart> parts) {}

  /** An automatic index as {@code pragma_index_list} names it. */
  private record AutoIndex(String name, String origin, boolean partial) {
    /** {@code sqlite_autoindex_items_2} as 2: SQLite numbers them in declaration order. */
    int ordinal() {
      return Integer.parseInt(name.substring(name.lastIndexOf('_') + 1));
    }

    KeyIndex read(Tx tx, String schema) {
      return new KeyIndex(
          origin,
          partial,
          tx.query(
              "SELECT name, \"desc\", coll FROM pragma_index_xinfo(?, ?)"
                  + " WHERE key = 1 ORDER BY seqno",
              rs ->
                  new KeyPart(
                      rs.getString(1), rs.getInt(2) != 0, rs.getString(3).toUpperCase(Locale.ROOT)),
              name,
              schema));
    }
  }

  /** How SQLite lays a table out: its columns, automatic indexes, rowid and strictness. */
  private record Layout(
      List<ColumnInfo> columns, List<KeyIndex> keys, boolean withoutRowid, boolean strict) {

    static Layout read(Tx tx, String schema, String table) {
      List<ColumnInfo> columns =
          tx.query(
              "SELECT name, type, \"notnull\", dflt_value, hidden"
                  + " FROM pragma_table_xinfo(?, ?) ORDER BY cid",
              rs ->
                  new ColumnInfo(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getInt(3) != 0,
                      rs.getString(4),
                      rs.getInt(5)),
              table,
              schema);
      List<KeyIndex> keys =
          tx
              .query(
                  "SELECT name, origin, partial FROM pragma_index_list(?, ?) WHERE origin <> 'c'",
                  rs -> new AutoIndex(rs.getString(1), rs.getString(2), rs.getInt(3) != 0),
                  table,
                  schema)
              .stream()
              .sorted(Comparator.comparingInt(AutoIndex::ordinal))
              .map(index -> index.read(tx, schema))
              .toList();
      return tx.queryOne(
              "SELECT wr, strict FROM pragma_table_list(?) WHERE schema = ?",
              rs -> new Layout(columns, keys, rs.getInt(1) != 0, rs.getInt(2) != 0),
              table,
              schema)
          .orElseThrow(() -> new IllegalStateException("no table " + schema + "." + table));
    }

    /** This layout with its key columns renamed, or empty if a key column is not kept. */
    Optional<Layout> renamed(Map<String, String> renamed) {
      List<KeyIndex> mapped = new ArrayList<>();
      for (KeyIndex key : keys) {
        List<KeyPart> parts = new ArrayList<>();
        for (KeyPart part : key.parts()) {
          String to = renamed.get(part.column());
          if (to == null) {
            return Optional.empty();
          }
          parts.add(new KeyPart(to, part.descending(), part.collation()));
        }
        mapped.add(new KeyIndex(key.origin(), key.partial(), parts));
      }
      return Optional.of(new Layout(columns, mapped, withoutRowid, strict));
    }
  }
}
