package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How SQLite lays a table out, live or as a declaration would: its columns, automatic indexes
 * (primary key and unique constraints, in declaration order), rowid, strictness and, for a probed
 * declaration, each column's collation. {@link SqliteRedeclaration} compares these to decide
 * whether a new declaration fits the stored rows.
 */
record SqliteTableLayout(
    List<ColumnInfo> columns,
    List<KeyIndex> keys,
    boolean withoutRowid,
    boolean strict,
    Map<String, String> collations) {

  /** The temporary one-column index that tells a probe column's collation. */
  private static final String PROBE_INDEX = "plinth_redeclaration_collation";

  /** This layout with each column's collation by name. */
  SqliteTableLayout withCollations(Map<String, String> byColumn) {
    return new SqliteTableLayout(columns, keys, withoutRowid, strict, Map.copyOf(byColumn));
  }

  /** The collation of {@code column}; unknown (an empty name) unless read. */
  String collation(String column) {
    return collations.getOrDefault(column, "");
  }

  /** The layout of table {@code table} in schema {@code schema} ({@code main}, {@code temp}). */
  static SqliteTableLayout read(Tx tx, String schema, String table) {
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
            rs ->
                new SqliteTableLayout(
                    columns, keys, rs.getInt(1) != 0, rs.getInt(2) != 0, Map.of()),
            table,
            schema)
        .orElseThrow(() -> new IllegalStateException("no table " + schema + "." + table));
  }

  /** This layout with its key columns renamed, or empty if a key column is not kept. */
  Optional<SqliteTableLayout> renamed(Map<String, String> renamed) {
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
    return Optional.of(new SqliteTableLayout(columns, mapped, withoutRowid, strict, collations));
  }

  /**
   * The layout SQLite gives a table declared as {@code body} (what follows the name), read from a
   * temporary table that is dropped again, with each column's collation; empty if SQLite refuses
   * the declaration under another name.
   */
  static Optional<SqliteTableLayout> probe(Tx tx, Dialect dialect, String name, String body) {
    String probe = "temp." + dialect.quote(name);
    tx.update("DROP TABLE IF EXISTS " + probe);
    try {
      tx.update("CREATE TEMP TABLE " + dialect.quote(name) + body);
    } catch (DbException e) {
      // A declaration that only parses under the table's own name (a check naming it), or that
      // needs a collation this connection lacks: the copy handles it.
      return Optional.empty();
    }
    try {
      return Optional.of(read(tx, "temp", name).withCollations(collations(tx, dialect, name)));
    } finally {
      tx.update("DROP TABLE " + probe);
    }
  }

  /**
   * Each column's collation in temporary table {@code probe}, as SQLite gives it to an index on the
   * column alone.
   */
  private static Map<String, String> collations(Tx tx, Dialect dialect, String probe) {
    Map<String, String> collations = new HashMap<>();
    String index = dialect.quote(PROBE_INDEX);
    for (String column :
        tx.query(
            "SELECT name FROM pragma_table_xinfo(?, 'temp') WHERE hidden = 0",
            rs -> rs.getString(1),
            probe)) {
      tx.update(
          "CREATE INDEX temp."
              + index
              + " ON "
              + dialect.quote(probe)
              + " ("
              + dialect.quote(column)
              + ")");
      collations.put(
          column,
          tx.queryOne(
                  "SELECT coll FROM pragma_index_xinfo(?, 'temp') WHERE key = 1",
                  rs -> rs.getString(1).toUpperCase(Locale.ROOT),
                  PROBE_INDEX)
              .orElseThrow());
      tx.update("DROP INDEX temp." + index);
    }
    return collations;
  }

  record ColumnInfo(String name, String type, boolean notNull, String defaultValue, int hidden) {}

  record KeyPart(String column, boolean descending, String collation) {}

  /** An automatic index: the primary key's (when not the rowid) or a unique constraint's. */
  record KeyIndex(String origin, boolean partial, List<KeyPart> parts) {}

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
}
