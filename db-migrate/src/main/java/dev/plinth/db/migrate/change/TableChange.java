package dev.plinth.db.migrate.change;

import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One change to one table, known two ways: as an edit of the table's model (what a move-and-copy
 * builds) and as the in-place ALTER statements of a backend (what {@link
 * dev.plinth.db.migrate.ops.Operations} runs). The in-place form throws {@link
 * dev.plinth.db.core.error.DbNotSupportedException} where the backend cannot make the change
 * without rebuilding the table.
 */
public sealed interface TableChange {

  /**
   * The table after this change.
   *
   * @throws IllegalArgumentException if the change does not fit the table (unknown column or
   *     constraint, duplicate name)
   */
  Table applyTo(Table table);

  /**
   * The statements that make this change in place on table {@code table}.
   *
   * @param current the table's current shape, or {@code null} when unknown (offline)
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot do it in place
   * @throws IllegalStateException if the change needs the current shape and it is unknown
   */
  List<String> inPlace(DdlRenderer ddl, String table, Table current);

  /**
   * The statements that make this change in place except for what only the table's declaration
   * holds (a column's type, nullability and default; checks; foreign keys), where the backend
   * rewrites the declaration once for the whole batch afterwards ({@link
   * dev.plinth.db.core.dialect.Dialect#redeclaration}); for most changes, those of {@link
   * #inPlace}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot do the rest in
   *     place
   */
  default List<String> inPlaceBesidesDeclaration(DdlRenderer ddl, String table, Table current) {
    return inPlace(ddl, table, current);
  }

  /** Whether {@link #inPlace} needs the table's current shape. */
  default boolean needsCurrentShape() {
    return false;
  }

  /** The columns this change renames, old name to new; empty for most changes. */
  default Map<String, String> renames(Table before) {
    return Map.of();
  }

  /** Adds a column. */
  record AddColumn(Column column) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      return TableModel.builderOf(table, false).column(column).build();
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.addColumn(table, column));
    }
  }

  /** Drops a column, with the indexes and constraints that use it. */
  record DropColumn(String column) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      return TableModel.dropColumn(table, column);
    }

    /**
     * {@inheritDoc}
     *
     * @throws DbNotSupportedException also where the column is used by an index or constraint of
     *     {@code current} and the backend cannot drop such a column in place (SQLite)
     */
    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      if (current != null
          && !ddl.dropColumnDropsItsIndexes()
          && TableModel.inUse(current, column)) {
        throw new DbNotSupportedException(
            "cannot drop column "
                + table
                + "."
                + column
                + " in place: an index or constraint uses it, and this database's DROP COLUMN"
                + " refuses such a column; use op.batchAlterTable(...), which rebuilds the table"
                + " without them",
            null);
      }
      return List.of(ddl.dropColumn(table, column));
    }
  }

  /**
   * Changes a column's type, nullability, default, collation or name. Making a column NOT NULL
   * while giving it a default first fills the rows that hold NULL with that default.
   */
  record AlterColumn(String column, UnaryOperator<Column> change) implements TableChange {
    @Override
    public boolean needsCurrentShape() {
      return true;
    }

    @Override
    public Table applyTo(Table table) {
      Column to = target(table);
      Table replaced =
          TableModel.edit(
              table,
              cs -> cs.stream().map(c -> c.name().equals(column) ? to.named(column) : c).toList(),
              UnaryOperator.identity(),
              part -> true);
      return to.name().equals(column)
          ? replaced
          : TableModel.renameColumn(replaced, column, to.name());
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      if (current == null) {
        throw new IllegalStateException(
            "altering column "
                + table
                + "."
                + column
                + " needs the table's current shape, which offline mode cannot read:"
                + " use batchAlterTable(...) with copyFrom(table)");
      }
      Column from = TableModel.requireColumn(current, column);
      Column to = target(current);
      List<String> statements = new ArrayList<>();
      if (from.nullable() && !to.nullable() && to.serverDefault() != null) {
        statements.add(
            "UPDATE "
                + ddl.quote(table)
                + " SET "
                + ddl.quote(column)
                + " = "
                + to.serverDefault()
                + " WHERE "
                + ddl.quote(column)
                + " IS NULL");
      }
      statements.addAll(ddl.alterColumn(table, from, to));
      return statements;
    }

    /** Only the rename: the declaration holds the type, nullability and default. */
    @Override
    public List<String> inPlaceBesidesDeclaration(DdlRenderer ddl, String table, Table current) {
      String to = target(current).name();
      return to.equals(column) ? List.of() : List.of(ddl.renameColumn(table, column, to));
    }

    @Override
    public Map<String, String> renames(Table before) {
      String to = target(before).name();
      return to.equals(column) ? Map.of() : Map.of(column, to);
    }

    private Column target(Table table) {
      return change.apply(TableModel.requireColumn(table, column));
    }
  }

  /** Renames a column everywhere it is used. */
  record RenameColumn(String from, String to) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      TableModel.requireColumn(table, from);
      return TableModel.renameColumn(table, from, to);
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.renameColumn(table, from, to));
    }

    @Override
    public Map<String, String> renames(Table before) {
      return Map.of(from, to);
    }
  }

  /** Creates an index. */
  record CreateIndex(Index index) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      return TableModel.builderOf(table, false).index(index).build();
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.createIndex(table, index));
    }
  }

  /**
   * Drops an index. A unique constraint of that name counts as one: MySQL reads a unique index back
   * as a unique key, and drops either with DROP INDEX.
   */
  record DropIndex(String name) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      if (table.indexes().stream().noneMatch(i -> i.name().equals(name))
          && table.uniqueConstraints().stream().noneMatch(u -> name.equals(u.name()))) {
        throw new IllegalArgumentException("table " + table.name() + " has no index " + name);
      }
      return TableModel.edit(
          table,
          UnaryOperator.identity(),
          UnaryOperator.identity(),
          part ->
              !(part instanceof Index i && i.name().equals(name)
                  || part instanceof UniqueConstraint u && name.equals(u.name())));
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.dropIndex(table, name));
    }
  }

  /** Adds a unique constraint. */
  record AddUnique(UniqueConstraint unique) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      return TableModel.builderOf(table, false).unique(unique).build();
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.addUnique(table, unique));
    }
  }

  /** Adds a foreign key. */
  record AddForeignKey(ForeignKey foreignKey) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      return TableModel.builderOf(table, false).foreignKey(foreignKey).build();
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.addForeignKey(table, foreignKey));
    }

    /** Nothing: the declaration holds the key, and the backend checks the rows against it. */
    @Override
    public List<String> inPlaceBesidesDeclaration(DdlRenderer ddl, String table, Table current) {
      return List.of();
    }
  }

  /** Adds a check constraint. */
  record AddCheck(CheckConstraint check) implements TableChange {
    @Override
    public Table applyTo(Table table) {
      return TableModel.builderOf(table, false).check(check).build();
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.addCheck(table, check));
    }

    /** Nothing: the declaration holds the check, and the backend checks the rows against it. */
    @Override
    public List<String> inPlaceBesidesDeclaration(DdlRenderer ddl, String table, Table current) {
      return List.of();
    }
  }

  /** Drops the primary key, keeping its columns. */
  record DropPrimaryKey() implements TableChange {
    @Override
    public Table applyTo(Table table) {
      if (table.primaryKey().isEmpty()) {
        throw new IllegalArgumentException("table " + table.name() + " has no primary key");
      }
      return TableModel.builderOf(table, false).primaryKey(List.of()).build();
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.dropPrimaryKey(table));
    }
  }

  /**
   * Gives a table without a primary key (or whose key a {@link DropPrimaryKey} earlier in the batch
   * dropped) one over {@code columns}.
   */
  record AddPrimaryKey(List<String> columns) implements TableChange {
    /** Copies the columns. */
    public AddPrimaryKey {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("a primary key needs at least one column");
      }
    }

    @Override
    public boolean needsCurrentShape() {
      return true;
    }

    @Override
    public Table applyTo(Table table) {
      if (!table.primaryKey().isEmpty()) {
        throw new IllegalArgumentException(
            "table "
                + table.name()
                + " already has the primary key "
                + table.primaryKey()
                + ": drop it first, in the same batch");
      }
      columns.forEach(c -> TableModel.requireColumn(table, c));
      return TableModel.builderOf(table, false).primaryKey(columns).build();
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      return List.of(ddl.addPrimaryKey(table, columns, current));
    }
  }

  /** Drops the unique constraint, foreign key or check constraint called {@code name}. */
  record DropConstraint(String name) implements TableChange {
    @Override
    public boolean needsCurrentShape() {
      return true;
    }

    @Override
    public Table applyTo(Table table) {
      kindIn(table);
      return TableModel.edit(
          table, UnaryOperator.identity(), UnaryOperator.identity(), part -> !named(part));
    }

    @Override
    public List<String> inPlace(DdlRenderer ddl, String table, Table current) {
      if (current == null) {
        throw new IllegalStateException(
            "dropping constraint "
                + name
                + " of table "
                + table
                + " needs the table's current shape to know the constraint's kind, which offline"
                + " mode cannot read: use batchAlterTable(...) with copyFrom(table)");
      }
      Class<?> kind = kindIn(current);
      if (kind == UniqueConstraint.class) {
        return List.of(ddl.dropUnique(table, name));
      }
      return List.of(
          kind == ForeignKey.class ? ddl.dropForeignKey(table, name) : ddl.dropCheck(table, name));
    }

    /** Nothing for a foreign key or a check, which only the declaration holds. */
    @Override
    public List<String> inPlaceBesidesDeclaration(DdlRenderer ddl, String table, Table current) {
      return current == null || kindIn(current) == UniqueConstraint.class
          ? inPlace(ddl, table, current)
          : List.of();
    }

    private Class<?> kindIn(Table table) {
      List<Object> parts = new ArrayList<>(table.uniqueConstraints());
      parts.addAll(table.foreignKeys());
      parts.addAll(table.checks());
      return parts.stream()
          .filter(this::named)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "table " + table.name() + " has no constraint " + name))
          .getClass();
    }

    private boolean named(Object part) {
      String partName = null;
      if (part instanceof UniqueConstraint u) {
        partName = u.name();
      } else if (part instanceof ForeignKey f) {
        partName = f.name();
      } else if (part instanceof CheckConstraint c) {
        partName = c.name();
      }
      return name.equals(partName);
    }
  }
}
