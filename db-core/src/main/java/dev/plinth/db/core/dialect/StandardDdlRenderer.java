package dev.plinth.db.core.dialect;

import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Standard-SQL DDL with the few points where backends differ left to subclasses: type names, how an
 * auto-increment column is declared, how a collation is named, and the ALTER forms a backend spells
 * its own way.
 */
public abstract class StandardDdlRenderer implements DdlRenderer {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");

  private final Dialect dialect;

  /**
   * Creates a renderer that quotes identifiers with {@code dialect}.
   *
   * @param dialect the backend's dialect
   */
  protected StandardDdlRenderer(Dialect dialect) {
    this.dialect = dialect;
  }

  /** This backend's name for {@code type}. */
  protected abstract String typeName(SqlType type);

  /** The clause, after the type, that makes a column auto-increment. */
  protected abstract String autoIncrementClause();

  /**
   * Whether the auto-increment clause already declares the primary key, so that no separate PRIMARY
   * KEY constraint may follow (SQLite's {@code INTEGER PRIMARY KEY AUTOINCREMENT}).
   */
  protected boolean autoIncrementDeclaresPrimaryKey() {
    return false;
  }

  @Override
  public List<String> createTable(Table table) {
    List<String> statements = new ArrayList<>();
    statements.add(createStatement(table.name(), table, true));
    table.indexes().forEach(i -> statements.add(createIndex(table.name(), i)));
    return statements;
  }

  /**
   * The CREATE TABLE statement for {@code table} under the name {@code name}, with its columns and
   * primary key and, when {@code constraints} is set, its unique constraints, foreign keys and
   * checks.
   */
  protected final String createStatement(String name, Table table, boolean constraints) {
    List<String> parts = new ArrayList<>();
    table.columns().forEach(c -> parts.add(columnDefinition(c)));
    Column generated =
        table.columns().stream().filter(Column::autoIncrement).findFirst().orElse(null);
    boolean keyInline = autoIncrementDeclaresPrimaryKey() && generated != null;
    if (keyInline
        && !table.primaryKey().isEmpty()
        && !table.primaryKey().equals(List.of(generated.name()))) {
      throw new DbNotSupportedException(
          "table "
              + table.name()
              + " cannot have the primary key "
              + table.primaryKey()
              + ": its auto-increment column "
              + generated.name()
              + " is the whole primary key on this database; drop the auto-increment first",
          null);
    }
    if (!table.primaryKey().isEmpty() && !keyInline) {
      parts.add("PRIMARY KEY " + columns(table.primaryKey()));
    }
    if (constraints) {
      table.uniqueConstraints().forEach(u -> parts.add(unique(u)));
      table.foreignKeys().forEach(f -> parts.add(foreignKey(f)));
      table.checks().forEach(c -> parts.add(check(c)));
    }
    return "CREATE TABLE " + quote(name) + " (\n  " + String.join(",\n  ", parts) + "\n)";
  }

  @Override
  public String dropTable(String name) {
    return "DROP TABLE " + quote(name);
  }

  @Override
  public String renameTable(String from, String to) {
    return "ALTER TABLE " + quote(from) + " RENAME TO " + quote(to);
  }

  @Override
  public String addColumn(String table, Column column) {
    return alter(table) + "ADD COLUMN " + columnDefinition(column);
  }

  @Override
  public String dropColumn(String table, String column) {
    return alter(table) + "DROP COLUMN " + quote(column);
  }

  @Override
  public String renameColumn(String table, String from, String to) {
    return alter(table) + "RENAME COLUMN " + quote(from) + " TO " + quote(to);
  }

  @Override
  public String createIndex(String table, Index i) {
    return "CREATE "
        + (i.unique() ? "UNIQUE " : "")
        + "INDEX "
        + quote(i.name())
        + " ON "
        + quote(table)
        + " "
        + i.columns().stream()
            .map(c -> Index.isExpression(c) ? c : quote(c))
            .collect(Collectors.joining(", ", "(", ")"))
        + (i.partial() ? " WHERE " + i.where() : "");
  }

  @Override
  public String dropIndex(String table, String name) {
    return "DROP INDEX " + quote(name);
  }

  @Override
  public String addUnique(String table, UniqueConstraint unique) {
    return alter(table) + "ADD " + unique(unique);
  }

  @Override
  public String addForeignKey(String table, ForeignKey foreignKey) {
    return alter(table) + "ADD " + foreignKey(foreignKey);
  }

  @Override
  public String addCheck(String table, CheckConstraint check) {
    return alter(table) + "ADD " + check(check);
  }

  @Override
  public String dropUnique(String table, String name) {
    return dropConstraint(table, name);
  }

  @Override
  public String dropForeignKey(String table, String name) {
    return dropConstraint(table, name);
  }

  @Override
  public String dropCheck(String table, String name) {
    return dropConstraint(table, name);
  }

  /** {@code ALTER TABLE <table> ADD PRIMARY KEY (<columns>)}. */
  @Override
  public String addPrimaryKey(String table, List<String> columns, Table current) {
    return alter(table) + "ADD PRIMARY KEY " + columns(columns);
  }

  @Override
  public String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Number) {
      return value.toString();
    }
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    return "'" + value.toString().replace("'", "''") + "'";
  }

  @Override
  public List<String> createCopyTable(Table target, String temp) {
    return List.of(createStatement(temp, target, false));
  }

  @Override
  public List<String> completeCopyTable(Table target, String temp) {
    List<String> statements = new ArrayList<>();
    target.uniqueConstraints().forEach(u -> statements.add(addUnique(target.name(), u)));
    target.foreignKeys().forEach(f -> statements.add(addForeignKey(target.name(), f)));
    target.checks().forEach(c -> statements.add(addCheck(target.name(), c)));
    target.indexes().forEach(i -> statements.add(createIndex(target.name(), i)));
    return statements;
  }

  /** {@code ALTER TABLE <table> } with a trailing space. */
  protected final String alter(String table) {
    return "ALTER TABLE " + quote(table) + " ";
  }

  /** {@code ALTER TABLE <table> DROP CONSTRAINT <name>}. */
  protected final String dropConstraint(String table, String name) {
    return alter(table) + "DROP CONSTRAINT " + quote(name);
  }

  /**
   * {@code collation} as it follows COLLATE: by default a plain name ({@code NOCASE}, {@code
   * utf8mb4_bin}) that needs no quotes.
   *
   * @throws IllegalArgumentException if the name is not a plain word of letters, digits and
   *     underscores
   */
  protected String collationName(String collation) {
    if (!PLAIN_NAME.matcher(collation).matches()) {
      throw new IllegalArgumentException(
          "collation name '" + collation + "' must be letters, digits and underscores");
    }
    return collation;
  }

  /** {@code type}, and its COLLATE clause when {@code collation} is not null. */
  protected final String typeWithCollation(SqlType type, String collation) {
    String name = typeName(type);
    return collation == null ? name : name + " COLLATE " + collationName(collation);
  }

  /**
   * The column as it appears in CREATE TABLE: name, type, collation, auto-increment, NOT NULL,
   * default.
   */
  protected final String columnDefinition(Column c) {
    StringBuilder sql = new StringBuilder(quote(c.name())).append(' ');
    sql.append(typeWithCollation(c.type(), c.collation()));
    if (c.autoIncrement()) {
      sql.append(' ').append(autoIncrementClause());
    }
    if (!c.nullable()) {
      sql.append(" NOT NULL");
    }
    if (c.serverDefault() != null) {
      sql.append(" DEFAULT ").append(c.serverDefault());
    }
    if (c.type().kind() == SqlType.Kind.ENUM && !nativeEnums()) {
      sql.append(' ').append(enumCheck(c.name(), c.type()));
    }
    return sql.toString();
  }

  /**
   * Whether the backend has an ENUM type that {@link #typeName} names; otherwise an ENUM column is
   * a VARCHAR with the check {@link #enumCheck}.
   */
  protected boolean nativeEnums() {
    return false;
  }

  /**
   * {@code CONSTRAINT "<column>_enum" CHECK ("<column>" IN ('a','b'))}: the values of an ENUM
   * column where the backend has no ENUM type, named so that reading the table back finds them.
   */
  protected final String enumCheck(String column, SqlType type) {
    return "CONSTRAINT "
        + quote(SqlType.enumCheckName(column))
        + " CHECK ("
        + quote(column)
        + " IN ("
        + SqlType.quotedList(type.values())
        + "))";
  }

  @Override
  public final String quote(String identifier) {
    return dialect.quote(identifier);
  }

  private String unique(UniqueConstraint u) {
    return constraintName(u.name()) + "UNIQUE " + columns(u.columns());
  }

  private String foreignKey(ForeignKey f) {
    StringBuilder sql = new StringBuilder(constraintName(f.name()));
    sql.append("FOREIGN KEY ").append(columns(f.columns()));
    sql.append(" REFERENCES ").append(quote(f.referencedTable()));
    sql.append(' ').append(columns(f.referencedColumns()));
    if (f.onDelete() != null) {
      sql.append(" ON DELETE ").append(f.onDelete());
    }
    if (f.onUpdate() != null) {
      sql.append(" ON UPDATE ").append(f.onUpdate());
    }
    return sql.toString();
  }

  private String check(CheckConstraint c) {
    return constraintName(c.name()) + "CHECK (" + c.expression() + ")";
  }

  private String constraintName(String name) {
    return name == null ? "" : "CONSTRAINT " + quote(name) + " ";
  }

  private String columns(List<String> names) {
    return names.stream().map(this::quote).collect(Collectors.joining(", ", "(", ")"));
  }
}
