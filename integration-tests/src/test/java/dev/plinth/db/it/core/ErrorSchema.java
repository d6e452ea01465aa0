package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.TxAction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The tables the error-translation tests provoke violations on, in portable DDL. */
final class ErrorSchema {
  private ErrorSchema() {}

  /**
   * Creates {@code parents} (several unique keys, a check) and {@code children} (a foreign key).
   */
  static void create(Database db) {
    db.writer()
        .run(
            tx -> {
              tx.update(
                  "CREATE TABLE parents (id INTEGER PRIMARY KEY, name VARCHAR(8) NOT NULL,"
                      + " deleted INTEGER DEFAULT 0 NOT NULL, code INTEGER UNIQUE, qty INTEGER,"
                      + " a INTEGER, b INTEGER,"
                      + " CONSTRAINT uniq_parents0name0deleted UNIQUE (name, deleted),"
                      + " CONSTRAINT pair_key UNIQUE (a, b),"
                      + " CONSTRAINT ck_parents_qty CHECK (qty >= 0))");
              tx.update(
                  "CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER,"
                      + " CONSTRAINT fk_children_parent FOREIGN KEY (parent_id)"
                      + " REFERENCES parents (id))");
              tx.update(
                  "INSERT INTO parents (id, name, code, qty, a, b) VALUES (1, 'bolt', 7, 1, 1, 2)");
              tx.update("INSERT INTO children (id, parent_id) VALUES (1, 1)");
            });
  }

  /** Runs one statement in its own writer transaction. */
  static void write(Database db, String sql, Object... args) {
    db.writer().run(tx -> tx.update(sql, args));
  }

  /** Runs {@code call}, asserts that it throws a {@code type}, and returns what it threw. */
  static <T extends Throwable> T expect(Class<T> type, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(type);
    return type.cast(thrown);
  }

  /**
   * Creates the schema, runs {@code sql} with {@code args} in its own writer transaction, and
   * returns the {@code type} it must throw.
   */
  static <T extends Throwable> T provoke(Database db, Class<T> type, String sql, Object... args) {
    create(db);
    return expect(type, () -> write(db, sql, args));
  }

  /** Runs {@code work} in a writer of {@code db} and returns the {@code type} it must throw. */
  static <T extends Throwable> T expect(Class<T> type, Database db, TxAction work) {
    return expect(type, () -> db.writer().run(work));
  }
}
