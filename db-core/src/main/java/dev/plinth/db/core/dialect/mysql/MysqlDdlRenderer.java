package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.StandardDdlRenderer;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL and MariaDB DDL: {@code AUTO_INCREMENT}, {@code DATETIME} for timestamps (MySQL's {@code
 * TIMESTAMP} updates itself and is limited to 2038), {@code LONGBLOB} and {@code LONGTEXT}. A
 * column is altered with one {@code CHANGE COLUMN} carrying its whole new definition; unique keys
 * and foreign keys are dropped with their own DROP forms.
 *
 * <p>Adjusted to a MariaDB server ({@link #forVersion}), it refuses an expression key, which
 * MariaDB lacks, and drops with a foreign key the index MariaDB made for it, named after it (the
 * model never holds that index, so {@code check} would report it left over).
 */
final class MysqlDdlRenderer extends StandardDdlRenderer {
  private final Dialect dialect;
  private final boolean mariadb;

  MysqlDdlRenderer(Dialect dialect) {
    this(dialect, false);
  }

  private MysqlDdlRenderer(Dialect dialect, boolean mariadb) {
    super(dialect);
    this.dialect = dialect;
    this.mariadb = mariadb;
  }

  @Override
  public DdlRenderer forVersion(String version) {
    return new MysqlDdlRenderer(dialect, version != null && version.contains("MariaDB"));
  }

  @Override
  protected String typeName(SqlType type) {
    switch (type.kind()) {
      case INTEGER:
        return "INT";
      case TIMESTAMP:
        return "DATETIME";
      case BLOB:
        return "LONGBLOB";
      case TEXT:
        return "LONGTEXT";
      default:
        return type.toString();
    }
  }

  @Override
  protected boolean nativeEnums() {
    return true;
  }

  @Override
  protected String autoIncrementClause() {
    return "AUTO_INCREMENT";
  }

  @Override
  public List<String> alterColumn(String table, Column from, Column to) {
    return List.of(
        alter(table) + "CHANGE COLUMN " + quote(from.name()) + " " + columnDefinition(to));
  }

  /**
   * Refuses a partial index, which neither MySQL nor MariaDB has, and on MariaDB an expression key.
   * An expression key is written as MySQL 8.0.13+ takes it.
   */
  @Override
  public String createIndex(String table, Index index) {
    if (index.partial()) {
      throw refused(
          table,
          index,
          "has the condition WHERE "
              + index.where()
              + ": MySQL and MariaDB have no partial indexes; declare the index without where()");
    }
    if (mariadb && index.hasExpressions()) {
      throw refused(
          table,
          index,
          "has the expression key "
              + index.columns().stream().filter(Index::isExpression).findFirst().orElseThrow()
              + ": MariaDB has no expression indexes; index a generated column instead");
    }
    return super.createIndex(table, index);
  }

  private static DbNotSupportedException refused(String table, Index index, String why) {
    return new DbNotSupportedException(
        "index " + index.name() + " of table " + table + " " + why + " for this backend", null);
  }

  @Override
  public String dropIndex(String table, String name) {
    return alter(table) + "DROP INDEX " + quote(name);
  }

  @Override
  public List<String> combine(String table, List<String> statements) {
    String prefix = alter(table);
    List<String> combined = new ArrayList<>();
    for (String sql : statements) {
      int last = combined.size() - 1;
      if (sql.startsWith(prefix) && last >= 0 && combined.get(last).startsWith(prefix)) {
        combined.set(last, combined.get(last) + ", " + sql.substring(prefix.length()));
      } else {
        combined.add(sql);
      }
    }
    return combined;
  }

  @Override
  public String dropUnique(String table, String name) {
    return dropIndex(table, name);
  }

  @Override
  public String dropForeignKey(String table, String name) {
    String drop = alter(table) + "DROP FOREIGN KEY " + quote(name);
    return mariadb ? drop + ", DROP INDEX IF EXISTS " + quote(name) : drop;
  }

  @Override
  public String dropPrimaryKey(String table) {
    return alter(table) + "DROP PRIMARY KEY";
  }

  /**
   * {@inheritDoc} Refused where an AUTO_INCREMENT column of {@code current} would lead no key,
   * which MySQL and MariaDB require: the server's own error names neither table nor column.
   */
  @Override
  public String addPrimaryKey(String table, List<String> columns, Table current) {
    if (current != null) {
      requireKeyedAutoIncrement(
          new Table(
              table,
              current.columns(),
              columns,
              current.uniqueConstraints(),
              current.indexes(),
              current.foreignKeys(),
              current.checks()));
    }
    return super.addPrimaryKey(table, columns, current);
  }

  @Override
  public List<String> createTable(Table table) {
    requireKeyedAutoIncrement(table);
    return super.createTable(table);
  }

  @Override
  public List<String> createCopyTable(Table target, String temp) {
    requireKeyedAutoIncrement(target);
    return super.createCopyTable(target, temp);
  }

  private static void requireKeyedAutoIncrement(Table table) {
    List<List<String>> keys = new ArrayList<>();
    keys.add(table.primaryKey());
    table.uniqueConstraints().forEach(u -> keys.add(u.columns()));
    table.indexes().forEach(i -> keys.add(i.columnNames()));
    for (Column c : table.columns()) {
      if (c.autoIncrement()
          && keys.stream().noneMatch(k -> !k.isEmpty() && k.get(0).equals(c.name()))) {
        throw new DbNotSupportedException(
            "table "
                + table.name()
                + " cannot have the primary key "
                + table.primaryKey()
                + ": its AUTO_INCREMENT column "
                + c.name()
                + " would lead no key, which MySQL and MariaDB require; index it first or drop"
                + " the AUTO_INCREMENT",
            null);
      }
    }
  }

  @Override
  public String literal(Object value) {
    String sql = super.literal(value);
    // Without NO_BACKSLASH_ESCAPES a backslash starts an escape inside MySQL string literals.
    return value instanceof CharSequence ? sql.replace("\\", "\\\\") : sql;
  }
}
