package dev.plinth.db.core.dialect.postgresql;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SchemaIntrospector;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads PostgreSQL tables of {@code current_schema()} from {@code pg_catalog}. Identity and {@code
 * serial} columns are reported as auto-increment without a default; a column's collation only where
 * it is not its type's default (the database's, for the built-in string types); indexes that back a
 * primary key, unique or exclusion constraint are left out.
 */
final class PostgresSchemaIntrospector implements SchemaIntrospector {
  private static final String TABLES =
      "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')";
  private static final Map<String, String> ACTIONS =
      Map.of("c", "CASCADE", "n", "SET NULL", "d", "SET DEFAULT", "r", "RESTRICT", "a", "");

  @Override
  public List<String> tableNames(Tx tx) {
    return tx.query(TABLES + " ORDER BY c.relname", rs -> rs.getString(2));
  }

  @Override
  public Optional<Table> table(Tx tx, String name) {
    Optional<Long> oid = tx.queryOne(TABLES + " AND c.relname = ?", rs -> rs.getLong(1), name);
    if (oid.isEmpty()) {
      return Optional.empty();
    }
    Table.Builder table = Table.builder(name);
    readColumns(tx, oid.get()).forEach(table::column);
    readConstraints(tx, oid.get(), table);
    readIndexes(tx, oid.get()).forEach(table::index);
    return Optional.of(table.build().withEnumChecksAsTypes());
  }

  private static List<Column> readColumns(Tx tx, long oid) {
    return tx.query(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
            + " pg_get_expr(d.adbin, d.adrelid), a.attidentity, co.collname"
            + " FROM pg_attribute a LEFT JOIN pg_attrdef d"
            + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " JOIN pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_collation co"
            + " ON co.oid = a.attcollation AND a.attcollation <> t.typcollation"
            + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        rs -> {
          String defaultSql = rs.getString(4);
          boolean serial = defaultSql != null && defaultSql.startsWith("nextval(");
          boolean identity = !rs.getString(5).isEmpty();
          return new Column(
              rs.getString(1),
              SqlType.parse(rs.getString(2)),
              !rs.getBoolean(3),
              serial ? null : defaultSql,
              serial || identity,
              rs.getString(6));
        },
        oid);
  }

  private static void readConstraints(Tx tx, long oid, Table.Builder table) {
    tx.query(
            "SELECT con.conname, con.contype, "
                + columnNames("con.conrelid", "con.conkey")
                + ", cf.relname, "
                + columnNames("con.confrelid", "con.confkey")
                + ", con.confdeltype, con.confupdtype, pg_get_constraintdef(con.oid)"
                + " FROM pg_constraint con LEFT JOIN pg_class cf ON cf.oid = con.confrelid"
                + " WHERE con.conrelid = ? ORDER BY con.conname",
            rs ->
                new ConstraintRow(
                    rs.getString(1),
                    rs.getString(2),
                    strings(rs.getArray(3)),
                    rs.getString(4),
                    strings(rs.getArray(5)),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)),
            oid)
        .forEach(row -> row.addTo(table));
  }

  /**
   * The indexes that back no constraint; an expression key comes back as PostgreSQL prints it, the
   * condition of a partial index too.
   */
  private static List<Index> readIndexes(Tx tx, long oid) {
    return tx.query(
        "SELECT i.relname, ix.indisunique, ARRAY(SELECT CASE WHEN k.num = 0"
            + " THEN pg_get_indexdef(ix.indexrelid, k.ord::int, true) ELSE a.attname::text END"
            + " FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, ord)"
            + " LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num"
            + " ORDER BY k.ord), ix.indkey::int2[], pg_get_expr(ix.indpred, ix.indrelid, true)"
            + " FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid"
            + " WHERE ix.indrelid = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
            + " WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x'))"
            + " ORDER BY i.relname",
        rs -> {
          List<String> keys = strings(rs.getArray(3));
          Short[] attnums = (Short[]) rs.getArray(4).getArray();
          List<String> columns = new ArrayList<>();
          for (int k = 0; k < keys.size(); k++) {
            columns.add(attnums[k] == 0 ? Index.expression(keys.get(k)) : keys.get(k));
          }
          return new Index(rs.getString(1), columns, rs.getBoolean(2), rs.getString(5));
        },
        oid);
  }

  /** A subquery giving the names of the attributes numbered in {@code keys}, in their order. */
  private static String columnNames(String relation, String keys) {
    return "ARRAY(SELECT a.attname::text FROM unnest("
        + keys
        + ") WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = "
        + relation
        + " AND a.attnum = k.num ORDER BY k.ord)";
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private record ConstraintRow(
      String name,
      String type,
      List<String> columns,
      String referencedTable,
      List<String> referencedColumns,
      String onDelete,
      String onUpdate,
      String definition) {

    void addTo(Table.Builder table) {
      switch (type) {
        case "p":
          table.primaryKey(columns);
          break;
        case "u":
          table.unique(new UniqueConstraint(name, columns));
          break;
        case "f":
          table.foreignKey(
              new ForeignKey(
                  name,
                  columns,
                  referencedTable,
                  referencedColumns,
                  ACTIONS.get(onDelete),
                  ACTIONS.get(onUpdate)));
          break;
        case "c":
          table.check(new CheckConstraint(name, checkExpression(definition)));
          break;
        default:
          // Exclusion and trigger constraints have no counterpart in the model.
          break;
      }
    }

    private static String checkExpression(String definition) {
      String expr = definition.replaceFirst("(?i)^CHECK\\s*", "");
      return expr.replaceFirst("(?i)\\s+NOT VALID$", "");
    }
  }
}
