package dev.plinth.db.core.dialect.postgresql;

import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.SqlStateClassifier;
import java.sql.SQLException;

/** Translates this backend's driver exceptions into Plinth's hierarchy. */
final class PostgresErrors {
  private PostgresErrors() {}

  static DbException translate(SQLException e) {
    return SqlStateClassifier.classify(e);
  }
}
