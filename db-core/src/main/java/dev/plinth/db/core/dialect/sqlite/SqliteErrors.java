package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.SqlStateClassifier;
import java.sql.SQLException;

/** Translates this backend's driver exceptions into Plinth's hierarchy. */
final class SqliteErrors {
  private SqliteErrors() {}

  static DbException translate(SQLException e) {
    return SqlStateClassifier.classify(e);
  }
}
