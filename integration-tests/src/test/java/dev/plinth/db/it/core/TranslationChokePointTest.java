package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.dialect.SessionLock;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.error.NoSuchTableException;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Every JDBC path of db-core arrives translated: raw work through {@code withConnection}, a
 * session's statements, a failure at COMMIT and a dialect's session lock, each provoked on a real
 * database.
 */
class TranslationChokePointTest {

  @AllBackends
  void rawJdbcThroughWithConnectionArrivesTranslated(Database db) {
    ErrorSchema.create(db);
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(
                        tx ->
                            tx.withConnection(
                                c -> {
                                  try (Statement s = c.createStatement()) {
                                    return s.executeUpdate(
                                        "INSERT INTO parents (id, name) VALUES (2, 'bolt')");
                                  }
                                })))
        .isInstanceOfSatisfying(
            DuplicateEntryException.class,
            e -> assertThat(e.columns()).containsExactly("name", "deleted"))
        .hasCauseInstanceOf(SQLException.class);
  }

  @AllBackends
  void aSessionCommitsEachStatementAndTranslatesItsFailures(Database db) {
    try (Session session = db.openSession()) {
      session.update("CREATE TABLE session_rows (id INTEGER PRIMARY KEY)");
      session.update("INSERT INTO session_rows (id) VALUES (1)");
      assertThatThrownBy(() -> session.update("INSERT INTO session_rows (id) VALUES (1)"))
          .isInstanceOf(DuplicateEntryException.class);
      assertThatThrownBy(() -> session.update("INSERT INTO no_such_rows (id) VALUES (1)"))
          .isInstanceOf(NoSuchTableException.class);
    }
    long committed = db.reader().call(tx -> tx.count("SELECT id FROM session_rows"));
    assertThat(committed).as("the session's insert committed at once").isEqualTo(1);
    assertThat(db.connectionsInUse()).as("the closed session holds nothing").isZero();
  }

  @AllBackends({Backend.SQLITE, Backend.POSTGRESQL})
  void aForeignKeyCheckedAtCommitArrivesAsAReferenceException(Database db) {
    db.writer()
        .run(
            tx -> {
              tx.update("CREATE TABLE owners (id INTEGER PRIMARY KEY)");
              tx.update(
                  "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES owners (id)"
                      + " DEFERRABLE INITIALLY DEFERRED)");
            });
    assertThatThrownBy(
            () -> db.writer().run(tx -> tx.update("INSERT INTO pets (id, owner) VALUES (1, 42)")))
        .as("the statement passes; the deferred check fails the COMMIT")
        .isInstanceOf(ReferenceException.class);
    long pets = db.reader().call(tx -> tx.count("SELECT id FROM pets"));
    assertThat(pets).isZero();
  }

  @AllBackends
  void aSessionLockOnAClosedSessionFailsTranslated(Database db) {
    Session session = db.openSession();
    SessionLock lock = db.dialect().sessionLock(session, "choke_point");
    session.close();
    assertThatThrownBy(lock::tryAcquire).isInstanceOf(DbException.class);
  }
}
