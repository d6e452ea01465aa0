package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.SchemaChangeGuard;
import dev.plinth.db.core.error.ReferenceException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's part of the documented twelve-step ALTER TABLE procedure that lies outside the
 * transaction: {@code PRAGMA foreign_keys=OFF} before it begins, {@code PRAGMA foreign_key_check}
 * before it commits, and {@code PRAGMA foreign_keys=ON} (Plinth's setting on every SQLite
 * connection) after it ends. Without it, dropping a rebuilt parent table fails or, with ON DELETE
 * CASCADE, silently deletes every child row.
 *
 * <p>Its {@link #script()} is the same guard for an offline script run by the {@code sqlite3}
 * shell, which cannot raise an error from a query result: before {@code COMMIT} it inserts one row
 * per violation, {@code INSERT OR ROLLBACK}, into a temporary table whose CHECK refuses every row,
 * so that a violation fails the statement and rolls the transaction back.
 */
final class SqliteSchemaChangeGuard implements SchemaChangeGuard {
  private static final int REPORTED_VIOLATIONS = 10;
  private static final String FOREIGN_KEYS_OFF = "PRAGMA foreign_keys = OFF";
  private static final String FOREIGN_KEYS_ON = "PRAGMA foreign_keys = ON";
  private static final String FOREIGN_KEY_CHECK = "PRAGMA foreign_key_check";
  private static final Script SCRIPT =
      new Script(
          List.of(
              " SQLite: each transactional revision runs with foreign keys off, as online (SQLite",
              " cannot switch them inside a transaction); before its COMMIT, PRAGMA foreign_key_check",
              " prints every row that points at a missing parent row, and then the INSERT OR ROLLBACK",
              " INTO plinth_foreign_key_check fails with \"CHECK constraint failed: foreign_key_check",
              " ...\" and rolls the revision back. Run the script with `sqlite3 -bail` so that it",
              " stops there: without -bail, sqlite3 reports the error and runs the next revision."),
          List.of(FOREIGN_KEYS_OFF),
          List.of(
              FOREIGN_KEY_CHECK,
              "CREATE TEMP TABLE IF NOT EXISTS plinth_foreign_key_check (violation INTEGER"
                  + " CONSTRAINT \"foreign_key_check: rows point at missing parent rows\""
                  + " CHECK (violation IS NULL))",
              "INSERT OR ROLLBACK INTO plinth_foreign_key_check SELECT 1 FROM"
                  + " pragma_foreign_key_check"),
          List.of(FOREIGN_KEYS_ON));

  @Override
  public void beforeBegin(Tx tx) {
    Pragmas.set(tx, FOREIGN_KEYS_OFF);
  }

  @Override
  public void beforeCommit(Tx tx) {
    List<String[]> rows =
        tx.withConnection(
            c -> {
              List<String[]> found = new ArrayList<>();
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(FOREIGN_KEY_CHECK)) {
                while (rs.next() && found.size() < REPORTED_VIOLATIONS) {
                  found.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
              }
              return found;
            });
    List<String> violations = new ArrayList<>();
    String table = null;
    String parent = null;
    for (String[] row : rows) {
      table = row[0];
      parent = row[2];
      violations.add(table + " rowid " + row[1] + " -> " + parent);
    }
    if (!violations.isEmpty()) {
      throw new ReferenceException(
          "foreign key check failed after the schema change, rolling back: rows point at missing"
              + " parent rows ("
              + String.join(", ", violations)
              + (violations.size() == REPORTED_VIOLATIONS ? ", ..." : "")
              + ")",
          null,
          table,
          null,
          null,
          parent);
    }
  }

  /**
   * Foreign keys back on, and {@code writable_schema} off in case a declaration rewrite ({@link
   * SqliteRedeclaration}) failed between turning it on and off.
   */
  @Override
  public void afterEnd(Tx tx) {
    Pragmas.set(tx, FOREIGN_KEYS_ON);
    Pragmas.set(tx, "PRAGMA writable_schema = OFF");
  }

  @Override
  public Script script() {
    return SCRIPT;
  }
}
