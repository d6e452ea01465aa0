package dev.plinth.db.core.dialect;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard-SQL DDL with the few points where backends differ left to subclasses: type names and how
 * an auto-increment column is declared.
 */
public abstract class StandardDdlRenderer implements DdlRenderer {
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
    List<String> parts = new ArrayList<>();
    table.columns().forEach(c -> parts.add(column(c)));
    boolean keyInline =
        autoIncrementDeclaresPrimaryKey()
            && table.columns().stream().anyMatch(Column::autoIncrement);
    if (!table.primaryKey().isEmpty() && !keyInline) {
      parts.add("PRIMARY KEY " + columns(table.primaryKey()));
    }
    table.uniqueConstraints().forEach(u -> parts.add(unique(u)));
    table.foreignKeys().forEach(f -> parts.add(foreignKey(f)));
    table.checks().forEach(c -> parts.add(check(c)));
    List<String> statements = new ArrayList<>();
    statements.add(
        "CREATE TABLE "
            + dialect.quote(table.name())
            + " (\n  "
            + String.join(",\n  ", parts)
            + "\n)");
    table.indexes().forEach(i -> statements.add(index(table.name(), i)));
    return statements;
  }

  @Override
  public String dropTable(String name) {
    return "DROP TABLE " + dialect.quote(name);
  }

  private String column(Column c) {
    StringBuilder sql = new StringBuilder(dialect.quote(c.name())).append(' ');
    sql.append(typeName(c.type()));
    if (c.autoIncrement()) {
      sql.append(' ').append(autoIncrementClause());
    }
    if (!c.nullable()) {
      sql.append(" NOT NULL");
    }
    if (c.serverDefault() != null) {
      sql.append(" DEFAULT ").append(c.serverDefault());
    }
    return sql.toString();
  }

  private String unique(UniqueConstraint u) {
    return constraintName(u.name()) + "UNIQUE " + columns(u.columns());
  }

  private String foreignKey(ForeignKey f) {
    StringBuilder sql = new StringBuilder(constraintName(f.name()));
    sql.append("FOREIGN KEY ").append(columns(f.columns()));
    sql.append(" REFERENCES ").append(dialect.quote(f.referencedTable()));
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

  private String index(String table, Index i) {
    return "CREATE "
        + (i.unique() ? "UNIQUE " : "")
        + "INDEX "
        + dialect.quote(i.name())
        + " ON "
        + dialect.quote(table)
        + " "
        + columns(i.columns());
  }

  private String constraintName(String name) {
    return name == null ? "" : "CONSTRAINT " + dialect.quote(name) + " ";
  }

  private String columns(List<String> names) {
    return names.stream().map(dialect::quote).collect(Collectors.joining(", ", "(", ")"));
  }
}
