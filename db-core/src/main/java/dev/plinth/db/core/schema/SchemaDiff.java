package dev.plinth.db.core.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The differences between a schema declared by models and one read from a database, in words, one
 * line per difference: {@code column items.qty: type BIGINT in models, INTEGER in database}.
 *
 * <p>Types, defaults and check expressions are compared in their normal forms, collation names
 * without regard to case. Tables read back name a column's collation only where it is not the
 * database's default, so models name one only where it matters. Unique constraints and unique
 * indexes are compared together as unique keys (MySQL cannot tell them apart), by their columns;
 * names of unique keys, foreign keys and checks are compared only where both sides have one, since
 * backends name unnamed constraints each in their own way.
 *
 * @param differences one sentence per difference; empty when the schemas match
 */
public record SchemaDiff(List<String> differences) {

  /** Copies the list. */
  public SchemaDiff {
    differences = List.copyOf(differences);
  }

  /** Whether the two sides match. */
  public boolean isEmpty() {
    return differences.isEmpty();
  }

  /** The differences, one per line. */
  @Override
  public String toString() {
    return String.join(System.lineSeparator(), differences);
  }

  static SchemaDiff between(Schema models, Schema database) {
    List<String> out = new ArrayList<>();
    compareKeyed(
        models.tables(),
        database.tables(),
        name -> "table " + name,
        (m, d) -> new TableComparison(m.name(), out).compare(m, d),
        out);
    return new SchemaDiff(out);
  }

  static SchemaDiff between(Table models, Table database) {
    List<String> out = new ArrayList<>();
    new TableComparison(models.name(), out).compare(models, database);
    return new SchemaDiff(out);
  }

  /** Reports keys present on one side only, and compares the values of keys present on both. */
  private static <K, V> void compareKeyed(
      Map<K, V> models,
      Map<K, V> database,
      Function<K, String> label,
      BiConsumer<V, V> both,
      List<String> out) {
    models.forEach(
        (key, m) -> {
          V d = database.get(key);
          if (d == null) {
            out.add(label.apply(key) + ": missing in database");
          } else {
            both.accept(m, d);
          }
        });
    database.keySet().stream()
        .filter(key -> !models.containsKey(key))
        .forEach(key -> out.add(label.apply(key) + ": in database, not in models"));
  }

  private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
    Map<K, V> map = new LinkedHashMap<>();
    values.forEach(v -> map.putIfAbsent(key.apply(v), v));
    return map;
  }

  /** Compares the parts of one table, writing sentences to a shared list. */
  private static final class TableComparison {
    private final String table;
    private final List<String> out;

    TableComparison(String table, List<String> out) {
      this.table = table;
      this.out = out;
    }

    void compare(Table m, Table d) {
      compareKeyed(
          byKey(m.columns(), Column::name),
          byKey(d.columns(), Column::name),
          c -> "column " + table + "." + c,
          this::compareColumns,
          out);
      if (!m.primaryKey().equals(d.primaryKey())) {
        out.add(differ("primary key of " + table, m.primaryKey(), d.primaryKey()));
      }
      compareKeyed(
          byKey(uniqueKeys(m), UniqueConstraint::columns),
          byKey(uniqueKeys(d), UniqueConstraint::columns),
          cols -> "unique key " + table + cols,
          (a, b) -> compareNames("unique key " + table + a.columns(), a.name(), b.name()),
          out);
      compareKeyed(
          byKey(plainIndexes(m), Index::name),
          byKey(plainIndexes(d), Index::name),
          name -> "index " + table + "." + name,
          (a, b) -> check("index " + table + "." + a.name(), "columns", a.columns(), b.columns()),
          out);
      compareKeyed(
          byKey(m.foreignKeys(), TableComparison::signature),
          byKey(d.foreignKeys(), TableComparison::signature),
          sig -> "foreign key " + table + sig,
          this::compareForeignKeys,
          out);
      compareKeyed(
          byKey(m.checks(), TableComparison::checkKey),
          byKey(d.checks(), TableComparison::checkKey),
          key -> "check " + table + "." + key,
          (a, b) ->
              check(
                  "check " + table + "." + checkKey(a),
                  "expression",
                  SqlText.normalizeExpression(a.expression()),
                  SqlText.normalizeExpression(b.expression())),
          out);
    }

    private void compareColumns(Column m, Column d) {
      String what = "column " + table + "." + m.name();
      if (!m.type().equals(d.type())) {
        out.add(what + ": type " + m.type() + " in models, " + d.type() + " in database");
      }
      if (m.nullable() != d.nullable()) {
        out.add(what + ": " + nullability(m) + " in models, " + nullability(d) + " in database");
      }
      String md = SqlText.normalizeDefault(m.serverDefault(), m.type());
      String dd = SqlText.normalizeDefault(d.serverDefault(), d.type());
      if (!Objects.equals(md, dd)) {
        out.add(what + ": default " + orNone(md) + " in models, " + orNone(dd) + " in database");
      }
      if (!sameCollation(m.collation(), d.collation())) {
        out.add(
            what
                + ": collation "
                + orNone(m.collation())
                + " in models, "
                + orNone(d.collation())
                + " in database");
      }
      if (m.autoIncrement() != d.autoIncrement()) {
        out.add(
            what
                + ": "
                + (m.autoIncrement() ? "auto-increment" : "not auto-increment")
                + " in models, "
                + (d.autoIncrement() ? "auto-increment" : "not auto-increment")
                + " in database");
      }
    }

    private void compareForeignKeys(ForeignKey m, ForeignKey d) {
      String what = "foreign key " + table + signature(m);
      compareNames(what, m.name(), d.name());
      check(what, "ON DELETE", orNone(m.onDelete()), orNone(d.onDelete()));
      check(what, "ON UPDATE", orNone(m.onUpdate()), orNone(d.onUpdate()));
    }

    private void compareNames(String what, String m, String d) {
      if (m != null && d != null) {
        check(what, "name", m, d);
      }
    }

    private void check(String what, String property, Object m, Object d) {
      if (!m.equals(d)) {
        out.add(differ(what + ": " + property, m, d));
      }
    }

    private static String differ(String what, Object m, Object d) {
      return what + " " + m + " in models, " + d + " in database";
    }

    private static List<UniqueConstraint> uniqueKeys(Table t) {
      List<UniqueConstraint> keys = new ArrayList<>(t.uniqueConstraints());
      t.indexes().stream()
          .filter(Index::unique)
          .forEach(i -> keys.add(new UniqueConstraint(i.name(), i.columns())));
      return keys;
    }

    private static List<Index> plainIndexes(Table t) {
      return t.indexes().stream().filter(i -> !i.unique()).toList();
    }

    private static String signature(ForeignKey fk) {
      return fk.columns() + " -> " + fk.referencedTable() + fk.referencedColumns();
    }

    private static String checkKey(CheckConstraint c) {
      return c.name() != null ? c.name() : SqlText.normalizeExpression(c.expression());
    }

    /** Backends match collation names without regard to case ({@code NOCASE}, {@code nocase}). */
    private static boolean sameCollation(String m, String d) {
      return m == null ? d == null : m.equalsIgnoreCase(d);
    }

    private static String nullability(Column c) {
      return c.nullable() ? "nullable" : "NOT NULL";
    }

    private static String orNone(String s) {
      return s == null ? "none" : s;
    }
  }
}
