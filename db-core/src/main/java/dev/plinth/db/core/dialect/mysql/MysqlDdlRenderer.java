package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.StandardDdlRenderer;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL and MariaDB DDL: {@code AUTO_INCREMENT}, {@code DATETIME} for timestamps (MySQL's {@code
 * TIMESTAMP} updates itself and is limited to 2038), {@code LONGBLOB} and {@code LONGTEXT}. A
 * column is altered with one {@code CHANGE COLUMN} carrying its whole new definition; unique keys
 * and foreign keys are dropped with their own DROP forms.
 */
final class MysqlDdlRenderer extends StandardDdlRenderer {
  MysqlDdlRenderer(Dialect dialect) {
    super(dialect);
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
  protected String autoIncrementClause() {
    return "AUTO_INCREMENT";
  }

  @Override
  public List<String> alterColumn(String table, Column from, Column to) {
    return List.of(
        alter(table) + "CHANGE COLUMN " + quote(from.name()) + " " + columnDefinition(to));
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
    return alter(table) + "DROP FOREIGN KEY " + quote(name);
  }

  @Override
  public String literal(Object value) {
    String sql = super.literal(value);
    // Without NO_BACKSLASH_ESCAPES a backslash starts an escape inside MySQL string literals.
    return value instanceof CharSequence ? sql.replace("\\", "\\\\") : sql;
  }
}
