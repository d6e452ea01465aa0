package dev.plinth.db.core.schema;

import dev.plinth.db.core.schema.SchemaDifference.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Compares an expected schema with an actual one, part by part, collecting {@link
 * SchemaDifference}s; the rules are those documented on {@link SchemaDiff}.
 */
final class SchemaComparison {
  private final List<SchemaDifference> out = new ArrayList<>();

  private SchemaComparison() {}

  static SchemaDiff between(Schema expected, Schema actual) {
    SchemaComparison c = new SchemaComparison();
    c.compareKeyed(
        expected.tables(),
        actual.tables(),
        Kind.MISSING_TABLE,
        Kind.EXTRA_TABLE,
        name -> name,
        name -> null,
        c::compareTables);
    return new SchemaDiff(c.out);
  }

  static SchemaDiff between(Table expected, Table actual) {
    SchemaComparison c = new SchemaComparison();
    c.compareTables(expected, actual);
    return new SchemaDiff(c.out);
  }

  /** Reports keys present on one side only, and compares the values of keys present on both. */
  private <K, V> void compareKeyed(
      Map<K, V> expected,
      Map<K, V> actual,
      Kind missing,
      Kind extra,
      Function<K, String> table,
      Function<K, String> object,
      BiConsumer<V, V> both) {
    expected.forEach(
        (key, e) -> {
          V a = actual.get(key);
          if (a == null) {
            out.add(new SchemaDifference(missing, table.apply(key), object.apply(key), null, null));
          } else {
            both.accept(e, a);
          }
        });
    actual.keySet().stream()
        .filter(key -> !expected.containsKey(key))
        .forEach(
            key ->
                out.add(
                    new SchemaDifference(extra, table.apply(key), object.apply(key), null, null)));
  }

  private void compareTables(Table e, Table a) {
    String t = e.name();
    compareKeyed(
        byKey(e.columns(), Column::name),
        byKey(a.columns(), Column::name),
        Kind.MISSING_COLUMN,
        Kind.EXTRA_COLUMN,
        k -> t,
        k -> k,
        (x, y) -> compareColumns(t, x, y));
    check(Kind.PRIMARY_KEY, t, null, e.primaryKey(), a.primaryKey());
    compareKeyed(
        byKey(uniqueKeys(e), UniqueConstraint::columns),
        byKey(uniqueKeys(a), UniqueConstraint::columns),
        Kind.MISSING_UNIQUE,
        Kind.EXTRA_UNIQUE,
        k -> t,
        Object::toString,
        (x, y) -> compareNames(Kind.UNIQUE_NAME, t, x.columns().toString(), x.name(), y.name()));
    compareKeyed(
        byKey(plainIndexes(e), Index::name),
        byKey(plainIndexes(a), Index::name),
        Kind.MISSING_INDEX,
        Kind.EXTRA_INDEX,
        k -> t,
        k -> k,
        (x, y) -> compareIndexes(t, x, y));
    compareKeyed(
        byKey(e.foreignKeys(), SchemaComparison::signature),
        byKey(a.foreignKeys(), SchemaComparison::signature),
        Kind.MISSING_FOREIGN_KEY,
        Kind.EXTRA_FOREIGN_KEY,
        k -> t,
        k -> k,
        (x, y) -> compareForeignKeys(t, x, y));
    compareKeyed(
        byKey(e.checks(), CheckConstraint::key),
        byKey(a.checks(), CheckConstraint::key),
        Kind.MISSING_CHECK,
        Kind.EXTRA_CHECK,
        k -> t,
        k -> k,
        (x, y) ->
            check(
                Kind.CHECK_EXPRESSION,
                t,
                x.key(),
                SqlText.normalizeExpression(x.expression()),
                SqlText.normalizeExpression(y.expression())));
  }

  private void compareColumns(String t, Column e, Column a) {
    String c = e.name();
    if (e.type().kind() == SqlType.Kind.ENUM && a.type().kind() == SqlType.Kind.ENUM) {
      check(Kind.ENUM_VALUES, t, c, e.type().values(), a.type().values());
    } else {
      check(Kind.TYPE, t, c, e.type(), a.type());
    }
    check(Kind.NULLABILITY, t, c, nullability(e), nullability(a));
    check(
        Kind.DEFAULT,
        t,
        c,
        orNone(SqlText.normalizeDefault(e.serverDefault(), e.type())),
        orNone(SqlText.normalizeDefault(a.serverDefault(), a.type())));
    if (!sameCollation(e.collation(), a.collation())) {
      add(Kind.COLLATION, t, c, orNone(e.collation()), orNone(a.collation()));
    }
    check(Kind.AUTO_INCREMENT, t, c, autoIncrement(e), autoIncrement(a));
  }

  private void compareIndexes(String t, Index e, Index a) {
    String name = e.name();
    check(Kind.INDEX_COLUMNS, t, name, e.normalizedColumns(), a.normalizedColumns());
    check(Kind.INDEX_UNIQUE, t, name, uniqueness(e), uniqueness(a));
    check(Kind.INDEX_WHERE, t, name, orNone(e.normalizedWhere()), orNone(a.normalizedWhere()));
  }

  private void compareForeignKeys(String t, ForeignKey e, ForeignKey a) {
    String sig = signature(e);
    compareNames(Kind.FOREIGN_KEY_NAME, t, sig, e.name(), a.name());
    check(Kind.ON_DELETE, t, sig, orNone(e.onDelete()), orNone(a.onDelete()));
    check(Kind.ON_UPDATE, t, sig, orNone(e.onUpdate()), orNone(a.onUpdate()));
  }

  /** Names are compared only where both sides have one: backends name unnamed ones their way. */
  private void compareNames(Kind kind, String t, String object, String e, String a) {
    if (e != null && a != null) {
      check(kind, t, object, e, a);
    }
  }

  private void check(Kind kind, String t, String object, Object e, Object a) {
    if (!Objects.equals(e, a)) {
      add(kind, t, object, String.valueOf(e), String.valueOf(a));
    }
  }

  private void add(Kind kind, String t, String object, String e, String a) {
    out.add(new SchemaDifference(kind, t, object, e, a));
  }

  private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
    Map<K, V> map = new LinkedHashMap<>();
    values.forEach(v -> map.putIfAbsent(key.apply(v), v));
    return map;
  }

  private static List<UniqueConstraint> uniqueKeys(Table t) {
    List<UniqueConstraint> keys = new ArrayList<>(t.uniqueConstraints());
    t.indexes().stream()
        .filter(Index::isUniqueKey)
        .forEach(i -> keys.add(new UniqueConstraint(i.name(), i.columns())));
    return keys;
  }

  private static List<Index> plainIndexes(Table t) {
    return t.indexes().stream().filter(i -> !i.isUniqueKey()).toList();
  }

  private static String signature(ForeignKey fk) {
    return fk.columns() + " -> " + fk.referencedTable() + fk.referencedColumns();
  }

  /** Backends match collation names without regard to case ({@code NOCASE}, {@code nocase}). */
  private static boolean sameCollation(String e, String a) {
    return e == null ? a == null : e.equalsIgnoreCase(a);
  }

  private static String nullability(Column c) {
    return c.nullable() ? "nullable" : "NOT NULL";
  }

  private static String uniqueness(Index i) {
    return i.unique() ? "unique" : "not unique";
  }

  private static String autoIncrement(Column c) {
    return c.autoIncrement() ? "auto-increment" : "not auto-increment";
  }

  private static String orNone(String s) {
    return s == null ? "none" : s;
  }
}
