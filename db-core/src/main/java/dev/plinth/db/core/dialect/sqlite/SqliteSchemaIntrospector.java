package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.ForeignKeyRow;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SchemaIntrospector;
import dev.plinth.db.core.schema.SchemaObject;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads SQLite tables with the table-valued PRAGMA functions ({@code pragma_table_info}, {@code
 * pragma_index_list}, {@code pragma_index_info}, {@code pragma_foreign_key_list}) and, for what
 * they leave out (constraint names, CHECK clauses, AUTOINCREMENT, collations), the CREATE TABLE
 * text in {@code sqlite_master}. Indexes of origin {@code pk} are the primary key's and are
 * skipped; those of origin {@code u} are reported as unique constraints.
 */
final class SqliteSchemaIntrospector implements SchemaIntrospector {
  /**
   * A condition on index {@code l} (a row of {@code pragma_index_list}) that the model cannot hold:
   * its own COLLATE or DESC on a key term.
   */
  private static final String OUTSIDE_THE_MODEL =
      "l.origin = 'c' AND EXISTS (SELECT 1 FROM sqlite_master i"
          + " WHERE i.type = 'index' AND i.name = l.name"
          + " AND (upper(i.sql) LIKE '%COLLATE%' OR upper(i.sql) LIKE '% DESC%'))";

  /**
   * A condition on index {@code l} that a rebuild re-creates from its own SQL: one outside the
   * model, and a partial or expression one, whose SQL SQLite rewrites through column renames as the
   * model's text could not be.
   */
  private static final String KEPT_AS_SQL =
      OUTSIDE_THE_MODEL
          + " OR l.origin = 'c' AND (l.partial OR EXISTS (SELECT 1 FROM pragma_index_xinfo(l.name) x"
          + " WHERE x.key = 1 AND x.cid = -2))";

  @Override
  public List<String> tableNames(Tx tx) {
    return tx.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE"
            + " '\\' ORDER BY name",
        rs -> rs.getString(1));
  }

  @Override
  public Optional<Table> table(Tx tx, String name) {
    Optional<String> sql =
        tx.queryOne(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
            rs -> rs.getString(1),
            name);
    if (sql.isEmpty()) {
      return Optional.empty();
    }
    SqliteCreateTable parsed = SqliteCreateTable.parse(sql.get());
    Table.Builder table = Table.builder(name);
    List<PkColumn> pk = new ArrayList<>();
    List<Column> columns =
        tx.query(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
            rs -> {
              String column = rs.getString(1);
              if (rs.getInt(5) > 0) {
                pk.add(new PkColumn(rs.getInt(5), column));
              }
              return new Column(
                  column,
                  SqlType.parse(rs.getString(2)),
                  rs.getInt(3) == 0,
                  rs.getString(4),
                  parsed.autoIncrement(column),
                  parsed.collation(column).orElse(null));
            },
            name);
    Optional<String> rowid = rowidAlias(tx, name, pk);
    columns.stream()
        .map(c -> rowid.filter(c.name()::equals).isPresent() ? c.notNull() : c)
        .forEach(table::column);
    pk.sort((a, b) -> Integer.compare(a.position, b.position));
    table.primaryKey(pk.stream().map(PkColumn::name).toList());
    readIndexes(tx, name, parsed, table);
    readForeignKeys(tx, name, parsed, table);
    parsed.checks().forEach(table::check);
    return Optional.of(table.build().withEnumChecksAsTypes());
  }

  /**
   * The column that is an alias of the rowid, if the table has one: a single-column primary key
   * that SQLite keeps without an index of its own ({@code INTEGER PRIMARY KEY}, but not {@code
   * INTEGER PRIMARY KEY DESC} or {@code BIGINT PRIMARY KEY}). Such a column can never hold NULL (an
   * inserted NULL becomes a new rowid), although {@code pragma_table_info} reports it as nullable;
   * any other primary-key column of a rowid table does accept NULL, as SQLite documents.
   */
  private static Optional<String> rowidAlias(Tx tx, String name, List<PkColumn> pk) {
    if (pk.size() != 1) {
      return Optional.empty();
    }
    long pkIndexes =
        tx.queryOne(
                "SELECT count(*) FROM pragma_index_list(?) WHERE origin = 'pk'",
                rs -> rs.getLong(1),
                name)
            .orElse(0L);
    return pkIndexes == 0 ? Optional.of(pk.get(0).name) : Optional.empty();
  }

  @Override
  public List<SchemaObject> dependents(Tx tx, String table) {
    List<SqliteObject> all =
        tx.query(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
                + " WHERE type IN ('view', 'trigger') ORDER BY rowid",
            rs ->
                new SqliteObject(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    Set<String> names = new HashSet<>(Set.of(table.toLowerCase(Locale.ROOT)));
    Set<SqliteObject> found = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (SqliteObject o : all) {
        if (!found.contains(o) && o.dependsOn(table, names)) {
          found.add(o);
          names.add(o.name.toLowerCase(Locale.ROOT));
          grew = true;
        }
      }
    }
    List<SchemaObject> dependents =
        new ArrayList<>(
            tx.query(
                "SELECT l.name, m.sql FROM sqlite_master m, pragma_index_list(m.tbl_name) l"
                    + " WHERE m.type = 'index' AND m.tbl_name = ? COLLATE NOCASE"
                    + " AND l.name = m.name AND ("
                    + KEPT_AS_SQL
                    + ") ORDER BY m.rowid",
                rs -> new SchemaObject("index", rs.getString(1), rs.getString(2)),
                table));
    all.stream()
        .filter(found::contains)
        .forEach(o -> dependents.add(new SchemaObject(o.type, o.name, o.sql)));
    return dependents;
  }

  /**
   * The table's indexes as the model holds them: unique constraints, and indexes over columns and
   * expressions, partial or not, whose expressions and condition come from their CREATE INDEX text.
   * One with its own COLLATE or DESC has no place in the model; it is left out here and re-created
   * from its own SQL by a rebuild ({@link #dependents}).
   */
  private static void readIndexes(Tx tx, String name, SqliteCreateTable parsed, Table.Builder t) {
    List<IndexRow> indexes =
        tx.query(
            "SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql FROM pragma_index_list(?) l"
                + " LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name"
                + " WHERE NOT ("
                + OUTSIDE_THE_MODEL
                + ") ORDER BY l.name",
            rs ->
                new IndexRow(
                    rs.getString(1),
                    rs.getInt(2) != 0,
                    rs.getString(3),
                    rs.getInt(4) != 0,
                    rs.getString(5)),
            name);
    for (IndexRow index : indexes) {
      if (index.origin.equals("pk")) {
        continue;
      }
      List<KeyTerm> keys =
          tx.query(
              "SELECT cid, name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
              rs -> new KeyTerm(rs.getInt(1), rs.getString(2)),
              index.name);
      if (index.origin.equals("u")) {
        List<String> columns = keys.stream().map(KeyTerm::column).toList();
        t.unique(new UniqueConstraint(parsed.uniqueName(columns).orElse(null), columns));
      } else {
        t.index(index.toIndex(keys));
      }
    }
  }

  private static void readForeignKeys(
      Tx tx, String name, SqliteCreateTable parsed, Table.Builder t) {
    List<ForeignKeyRow> rows =
        tx.query(
            "SELECT id, \"from\", \"table\", \"to\", on_delete, on_update"
                + " FROM pragma_foreign_key_list(?) ORDER BY id, seq",
            rs ->
                new ForeignKeyRow(
                    rs.getInt(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)),
            name);
    for (List<ForeignKeyRow> group : ForeignKeyRow.byConstraint(rows)) {
      ForeignKeyRow first = group.get(0);
      List<String> from = ForeignKeyRow.columns(group);
      List<String> to = ForeignKeyRow.referencedColumns(group);
      if (to.contains(null)) {
        to = primaryKeyOf(tx, first.referencedTable());
      }
      t.foreignKey(
          new ForeignKey(
              parsed.foreignKeyName(from).orElse(null),
              from,
              first.referencedTable(),
              to,
              first.onDelete(),
              first.onUpdate()));
    }
  }

  private static List<String> primaryKeyOf(Tx tx, String table) {
    return tx.query(
        "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
        rs -> rs.getString(1),
        table);
  }

  private record SqliteObject(String type, String name, String table, String sql) {
    /** Whether this is a trigger on {@code target}, or its SQL names one of {@code names}. */
    boolean dependsOn(String target, Set<String> names) {
      if (type.equals("trigger") && table.equalsIgnoreCase(target)) {
        return true;
      }
      String lower = sql.toLowerCase(Locale.ROOT);
      return names.stream()
          .anyMatch(
              n ->
                  Pattern.compile("(?<![\\w$])" + Pattern.quote(n) + "(?![\\w$])")
                      .matcher(lower)
                      .find());
    }
  }

  private record PkColumn(int position, String name) {}

  private record IndexRow(String name, boolean unique, String origin, boolean partial, String sql) {
    /** The index with key {@code keys}, expressions and condition taken from its SQL. */
    Index toIndex(List<KeyTerm> keys) {
      boolean expressions = keys.stream().anyMatch(KeyTerm::isExpression);
      if (!partial && !expressions) {
        return new Index(name, keys.stream().map(KeyTerm::column).toList(), unique);
      }
      SqliteIndexSql text = SqliteIndexSql.parse(sql);
      List<String> columns = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        KeyTerm key = keys.get(k);
        columns.add(key.isExpression() ? Index.expression(text.terms().get(k)) : key.column());
      }
      return new Index(name, columns, unique, partial ? text.where() : null);
    }
  }

  /** A key term of an index: a column, or an expression ({@code cid} -2, no column name). */
  private record KeyTerm(int cid, String column) {
    boolean isExpression() {
      return cid == -2;
    }
  }
}
