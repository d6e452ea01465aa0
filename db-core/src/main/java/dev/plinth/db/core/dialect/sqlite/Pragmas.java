package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs SQLite pragmas on a transaction's connection, for the guards that work outside transactions;
 * plain statements, so that they are neither logged nor counted as the transaction's own.
 */
final class Pragmas {
  private Pragmas() {}

  /** Runs {@code sql}, a pragma that sets something. */
  static void set(Tx tx, String sql) {
    tx.withConnection(
        c -> {
          try (Statement s = c.createStatement()) {
            return s.execute(sql);
          }
        });
  }

  /** The value of pragma {@code name} as text. */
  static String get(Tx tx, String name) {
    return tx.withConnection(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
          }
        });
  }
}
