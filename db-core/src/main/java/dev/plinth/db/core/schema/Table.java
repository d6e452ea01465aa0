package dev.plinth.db.core.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table: its columns in order, primary key, unique constraints, indexes, foreign keys and checks.
 * The same type describes tables declared in code and tables read from a live database, so the two
 * can be compared with {@link #diff(Table)}.
 *
 * @param name the table name
 * @param columns the columns, in declaration order
 * @param primaryKey the primary-key columns, in order; empty when there is none
 * @param uniqueConstraints the UNIQUE constraints
 * @param indexes the indexes created by CREATE INDEX
 * @param foreignKeys the FOREIGN KEY constraints
 * @param checks the CHECK constraints
 */
public record Table(
    String name,
    List<Column> columns,
    List<String> primaryKey,
    List<UniqueConstraint> uniqueConstraints,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    List<CheckConstraint> checks) {

  /** Copies every list so the table is immutable. */
  public Table {
    Objects.requireNonNull(name, "table name");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    uniqueConstraints = List.copyOf(uniqueConstraints);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
    checks = List.copyOf(checks);
  }

  /** Starts a builder for a table called {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The column called {@code columnName}, if the table has one. */
  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /**
   * Compares this table, taken as the models' version, with {@code database}, the version read back
   * from a live database, after normalising types, defaults and check expressions.
   */
  public SchemaDiff diff(Table database) {
    return SchemaComparison.between(this, database);
  }

  /**
   * This table as read back from a backend that keeps an {@link SqlType.Kind#ENUM} column as a
   * VARCHAR with a check named {@link SqlType#enumCheckName}: each such check that lists string
   * values becomes the column's ENUM type again, so that the table compares equal to its models.
   */
  public Table withEnumChecksAsTypes() {
    List<Column> folded = new ArrayList<>();
    List<CheckConstraint> kept = new ArrayList<>(checks);
    for (Column c : columns) {
      CheckConstraint values =
          c.type().kind() != SqlType.Kind.VARCHAR
              ? null
              : checks.stream()
                  .filter(k -> SqlType.enumCheckName(c.name()).equals(k.name()))
                  .findFirst()
                  .orElse(null);
      List<String> literals = values == null ? List.of() : SqlType.literals(values.expression());
      if (literals.isEmpty()) {
        folded.add(c);
      } else {
        kept.remove(values);
        folded.add(c.type(SqlType.enumeration(literals)));
      }
    }
    return new Table(name, folded, primaryKey, uniqueConstraints, indexes, foreignKeys, kept);
  }

  /** Collects the parts of a {@link Table}; {@link #build()} checks they fit together. */
  public static final class Builder {
    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private List<String> primaryKey = List.of();
    private final List<UniqueConstraint> uniques = new ArrayList<>();
    private final List<Index> indexes = new ArrayList<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();
    private final List<CheckConstraint> checks = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Adds a column after those already added. */
    public Builder column(Column column) {
      columns.add(column);
      return this;
    }

    /** Sets the primary-key columns. */
    public Builder primaryKey(String... columnNames) {
      primaryKey = List.of(columnNames);
      return this;
    }

    /** Sets the primary-key columns. */
    public Builder primaryKey(List<String> columnNames) {
      primaryKey = List.copyOf(columnNames);
      return this;
    }

    /** Adds a unique constraint. */
    public Builder unique(UniqueConstraint unique) {
      uniques.add(unique);
      return this;
    }

    /** Adds an index. */
    public Builder index(Index index) {
      indexes.add(index);
      return this;
    }

    /** Adds a foreign key. */
    public Builder foreignKey(ForeignKey foreignKey) {
      foreignKeys.add(foreignKey);
      return this;
    }

    /** Adds a check constraint. */
    public Builder check(CheckConstraint check) {
      checks.add(check);
      return this;
    }

    /**
     * Builds the table.
     *
     * @throws IllegalArgumentException if the table has no columns, a column name repeats, or a
     *     key, constraint or index names a column the table lacks
     */
    public Table build() {
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("table " + name + " has no columns");
      }
      Set<String> names = new HashSet<>();
      for (Column c : columns) {
        if (!names.add(c.name())) {
          throw new IllegalArgumentException("table " + name + " repeats column " + c.name());
        }
      }
      requireColumns(names, "primary key", primaryKey);
      uniques.forEach(u -> requireColumns(names, "unique " + u.name(), u.columns()));
      indexes.forEach(i -> requireColumns(names, "index " + i.name(), i.columnNames()));
      foreignKeys.forEach(f -> requireColumns(names, "foreign key " + f.name(), f.columns()));
      return new Table(name, columns, primaryKey, uniques, indexes, foreignKeys, checks);
    }

    private void requireColumns(Set<String> names, String what, List<String> used) {
      for (String column : used) {
        if (!names.contains(column)) {
          throw new IllegalArgumentException(
              what + " of table " + name + " names unknown column " + column);
        }
      }
    }
  }
}
