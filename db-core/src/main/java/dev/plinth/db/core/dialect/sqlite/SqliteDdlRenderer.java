package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.StandardDdlRenderer;
import dev.plinth.db.core.schema.SqlType;

/**
 * SQLite DDL: portable type names are kept as declared (SQLite stores the declared name and derives
 * an affinity from it), and an auto-increment column is {@code INTEGER PRIMARY KEY AUTOINCREMENT}.
 */
final class SqliteDdlRenderer extends StandardDdlRenderer {
  SqliteDdlRenderer(Dialect dialect) {
    super(dialect);
  }

  @Override
  protected String typeName(SqlType type) {
    return type.toString();
  }

  @Override
  protected String autoIncrementClause() {
    return "PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  protected boolean autoIncrementDeclaresPrimaryKey() {
    return true;
  }
}
