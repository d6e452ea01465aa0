package dev.plinth.db.migrate.autogenerate;

import static dev.plinth.db.migrate.autogenerate.JavaCode.call;
import static dev.plinth.db.migrate.autogenerate.JavaCode.string;
import static dev.plinth.db.migrate.autogenerate.JavaCode.text;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.autogenerate.JavaCode.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes schema objects as the Java expressions a person would type to build them ({@code
 * Column.of("qty", SqlType.integer()).notNull()}), remembering the types it used for the imports.
 */
final class SchemaExpressions {
  private static final String SCHEMA = "dev.plinth.db.core.schema.";

  private static final Map<SqlType.Kind, String> FACTORIES =
      Map.ofEntries(
          Map.entry(SqlType.Kind.SMALLINT, "smallint"),
          Map.entry(SqlType.Kind.INTEGER, "integer"),
          Map.entry(SqlType.Kind.BIGINT, "bigint"),
          Map.entry(SqlType.Kind.BOOLEAN, "bool"),
          Map.entry(SqlType.Kind.TEXT, "text"),
          Map.entry(SqlType.Kind.FLOAT, "floatType"),
          Map.entry(SqlType.Kind.DOUBLE, "doubleType"),
          Map.entry(SqlType.Kind.DATE, "date"),
          Map.entry(SqlType.Kind.TIMESTAMP, "timestamp"),
          Map.entry(SqlType.Kind.BLOB, "blob"));

  private final Set<String> imports = new TreeSet<>();
  private final Set<String> backendTypes = new TreeSet<>();

  /** The fully qualified names of the types the expressions written so far use. */
  Set<String> imports() {
    return imports;
  }

  /** The types written that have no portable equivalent ({@code JSONB}), kept by their name. */
  Set<String> backendTypes() {
    return backendTypes;
  }

  /** {@code Table.builder("t").column(...)...build()}. */
  JavaCode table(Table t) {
    List<Call> calls = new ArrayList<>();
    t.columns().forEach(c -> calls.add(call("column", column(c))));
    if (!t.primaryKey().isEmpty()) {
      calls.add(new Call("primaryKey", strings(t.primaryKey())));
    }
    t.uniqueConstraints().forEach(u -> calls.add(call("unique", unique(u))));
    t.indexes().forEach(i -> calls.add(call("index", index(i))));
    t.foreignKeys().forEach(fk -> calls.add(call("foreignKey", foreignKey(fk))));
    t.checks().forEach(c -> calls.add(call("check", check(c))));
    calls.add(call("build"));
    return new JavaCode.Chain(call(use("Table") + ".builder", string(t.name())), calls);
  }

  /** {@code Column.of("name", type)} with its NOT NULL, default, collation and generation. */
  JavaCode column(Column c) {
    List<Call> calls = new ArrayList<>();
    if (c.autoIncrement()) {
      calls.add(call("withAutoIncrement"));
    } else if (!c.nullable()) {
      calls.add(call("notNull"));
    }
    if (c.serverDefault() != null) {
      calls.add(call("serverDefault", string(c.serverDefault())));
    }
    if (c.collation() != null) {
      calls.add(call("collation", string(c.collation())));
    }
    return new JavaCode.Chain(call(use("Column") + ".of", string(c.name()), type(c.type())), calls);
  }

  /** The changes that turn column {@code from} into {@code to}: {@code c -> c.type(...)...}. */
  JavaCode columnChange(Column from, Column to) {
    List<Call> calls = new ArrayList<>();
    if (!from.type().equals(to.type())) {
      calls.add(call("type", type(to.type())));
    }
    if (from.nullable() != to.nullable()) {
      calls.add(call(to.nullable() ? "allowNull" : "notNull"));
    }
    if (!Objects.equals(from.serverDefault(), to.serverDefault())) {
      calls.add(call("serverDefault", string(to.serverDefault())));
    }
    if (to.collation() == null
        ? from.collation() != null
        : !to.collation().equalsIgnoreCase(from.collation())) {
      calls.add(call("collation", string(to.collation())));
    }
    return new JavaCode.Lambda("c", new JavaCode.Chain(text("c"), calls));
  }

  /** {@code SqlType.integer()}, {@code SqlType.varchar(64)}, or {@code SqlType.parse("JSONB")}. */
  JavaCode type(SqlType t) {
    String sqlType = use("SqlType");
    switch (t.kind()) {
      case VARCHAR:
        return call(sqlType + ".varchar", text(Integer.toString(t.length())));
      case DECIMAL:
        return call(
            sqlType + ".decimal",
            text(Integer.toString(t.length())),
            text(Integer.toString(t.scale())));
      case ENUM:
        return new Call(sqlType + ".enumeration", strings(t.values()));
      case OTHER:
        backendTypes.add(t.name());
        return call(sqlType + ".parse", string(t.name()));
      default:
        return call(sqlType + "." + FACTORIES.get(t.kind()));
    }
  }

  /**
   * {@code Index.of("name", "a")} or {@code Index.unique(...)}, an expression key as written in
   * parentheses, and {@code .where("...")} for a partial index.
   */
  JavaCode index(Index i) {
    List<JavaCode> args = new ArrayList<>();
    args.add(string(i.name()));
    args.addAll(strings(i.columns()));
    Call index = new Call(use("Index") + (i.unique() ? ".unique" : ".of"), args);
    return i.partial()
        ? new JavaCode.Chain(index, List.of(call("where", string(i.where()))))
        : index;
  }

  /** {@code UniqueConstraint.of("name", "a", "b")}. */
  JavaCode unique(UniqueConstraint u) {
    List<JavaCode> args = new ArrayList<>();
    args.add(string(u.name()));
    args.addAll(strings(u.columns()));
    return new Call(use("UniqueConstraint") + ".of", args);
  }

  /** {@code ForeignKey.of(name, column, table, column)} with its actions. */
  JavaCode foreignKey(ForeignKey fk) {
    String type = use("ForeignKey");
    Call base =
        fk.columns().size() == 1
            ? call(
                type + ".of",
                string(fk.name()),
                string(fk.columns().get(0)),
                string(fk.referencedTable()),
                string(fk.referencedColumns().get(0)))
            : call(
                "new " + type,
                string(fk.name()),
                list(fk.columns()),
                string(fk.referencedTable()),
                list(fk.referencedColumns()),
                text("null"),
                text("null"));
    List<Call> calls = new ArrayList<>();
    if (fk.onDelete() != null) {
      calls.add(call("onDelete", string(fk.onDelete())));
    }
    if (fk.onUpdate() != null) {
      calls.add(call("onUpdate", string(fk.onUpdate())));
    }
    return new JavaCode.Chain(base, calls);
  }

  /** {@code CheckConstraint.of("name", "expression")}. */
  JavaCode check(CheckConstraint c) {
    return call(use("CheckConstraint") + ".of", string(c.name()), string(c.expression()));
  }

  private JavaCode list(List<String> values) {
    imports.add("java.util.List");
    return new Call("List.of", strings(values));
  }

  private static List<JavaCode> strings(List<String> values) {
    return values.stream().map(JavaCode::string).toList();
  }

  private String use(String schemaType) {
    imports.add(SCHEMA + schemaType);
    return schemaType;
  }
}
