package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.StandardDdlRenderer;
import dev.plinth.db.core.schema.SqlType;

/**
 * MySQL and MariaDB DDL: {@code AUTO_INCREMENT}, {@code DATETIME} for timestamps (MySQL's {@code
 * TIMESTAMP} updates itself and is limited to 2038), {@code LONGBLOB} and {@code LONGTEXT}.
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
}
