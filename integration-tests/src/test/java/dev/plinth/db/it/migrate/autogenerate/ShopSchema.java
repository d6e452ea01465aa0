package dev.plinth.db.it.migrate.autogenerate;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The schema the autogenerate tests start from ({@link #BASE}: owners, items referencing them,
 * legacy) and small edits of it, as a service's models change between two releases.
 */
public final class ShopSchema {
  /** The schema the base revision creates. */
  public static final Schema BASE =
      Schema.of(
          List.of(
              Table.builder("owners")
                  .column(Column.of("id", SqlType.integer()).notNull())
                  .column(Column.of("name", SqlType.varchar(64)).notNull())
                  .primaryKey("id")
                  .build(),
              Table.builder("items")
                  .column(Column.of("id", SqlType.integer()).notNull())
                  .column(Column.of("owner_id", SqlType.integer()))
                  .column(Column.of("name", SqlType.varchar(64)).notNull())
                  .column(Column.of("qty", SqlType.integer()))
                  .column(Column.of("note", SqlType.varchar(200)))
                  .primaryKey("id")
                  .unique(UniqueConstraint.of("uq_items_name", "name"))
                  .index(Index.of("ix_items_qty", "qty"))
                  .foreignKey(ForeignKey.of("fk_items_owner", "owner_id", "owners", "id"))
                  .check(CheckConstraint.of("ck_items_qty", "qty >= 0"))
                  .build(),
              Table.builder("legacy")
                  .column(Column.of("id", SqlType.integer()).notNull())
                  .column(Column.of("label", SqlType.varchar(32)))
                  .primaryKey("id")
                  .build(),
              Table.builder("tickets")
                  .column(Column.of("id", SqlType.integer()).withAutoIncrement())
                  .column(Column.of("code", SqlType.varchar(16)).notNull())
                  .column(
                      Column.of("status", SqlType.enumeration("open", "closed"))
                          .notNull()
                          .serverDefault("'open'"))
                  .primaryKey("id")
                  .build()));

  private ShopSchema() {}

  /** {@code schema} with {@code table} added or replacing the table of its name. */
  public static Schema put(Schema schema, Table table) {
    Map<String, Table> tables = new TreeMap<>(schema.tables());
    tables.put(table.name(), table);
    return new Schema(tables);
  }

  /** {@code schema} without the table {@code name}. */
  public static Schema drop(Schema schema, String name) {
    Map<String, Table> tables = new TreeMap<>(schema.tables());
    tables.remove(name);
    return new Schema(tables);
  }

  /** {@code schema} with the table {@code name} replaced by {@code change} applied to it. */
  public static Schema edit(Schema schema, String name, UnaryOperator<Parts> change) {
    return put(schema, change.apply(new Parts(schema.tables().get(name))).table());
  }

  /** The parts of a table, to edit one list at a time. */
  public static final class Parts {
    private final String name;
    private final List<Column> columns;
    private List<String> primaryKey;
    private final List<UniqueConstraint> uniques;
    private final List<Index> indexes;
    private final List<ForeignKey> foreignKeys;
    private final List<CheckConstraint> checks;

    Parts(Table t) {
      name = t.name();
      columns = new ArrayList<>(t.columns());
      primaryKey = t.primaryKey();
      uniques = new ArrayList<>(t.uniqueConstraints());
      indexes = new ArrayList<>(t.indexes());
      foreignKeys = new ArrayList<>(t.foreignKeys());
      checks = new ArrayList<>(t.checks());
    }

    /** Adds a column at the end. */
    public Parts add(Column column) {
      columns.add(column);
      return this;
    }

    /** Replaces the column of {@code column}'s name by {@code column}, or drops it when null. */
    public Parts column(String columnName, Column column) {
      int at =
          columns.indexOf(
              columns.stream().filter(c -> c.name().equals(columnName)).findFirst().orElseThrow());
      if (column == null) {
        columns.remove(at);
      } else {
        columns.set(at, column);
      }
      return this;
    }

    /** Edits the column {@code columnName}. */
    public Parts alter(String columnName, UnaryOperator<Column> change) {
      Column c =
          columns.stream().filter(x -> x.name().equals(columnName)).findFirst().orElseThrow();
      return column(columnName, change.apply(c));
    }

    /** Sets the primary key. */
    public Parts primaryKey(String... columnNames) {
      primaryKey = List.of(columnNames);
      return this;
    }

    /** Edits the unique constraints. */
    public Parts uniques(UnaryOperator<List<UniqueConstraint>> change) {
      replace(uniques, change);
      return this;
    }

    /** Edits the indexes. */
    public Parts indexes(UnaryOperator<List<Index>> change) {
      replace(indexes, change);
      return this;
    }

    /** Edits the foreign keys. */
    public Parts foreignKeys(UnaryOperator<List<ForeignKey>> change) {
      replace(foreignKeys, change);
      return this;
    }

    /** Edits the checks. */
    public Parts checks(UnaryOperator<List<CheckConstraint>> change) {
      replace(checks, change);
      return this;
    }

    private static <T> void replace(List<T> parts, UnaryOperator<List<T>> change) {
      List<T> edited = change.apply(new ArrayList<>(parts));
      parts.clear();
      parts.addAll(edited);
    }

    Table table() {
      return new Table(name, columns, primaryKey, uniques, indexes, foreignKeys, checks);
    }
  }
}
