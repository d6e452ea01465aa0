package dev.plinth.db.it.core;

import static dev.plinth.db.it.core.ErrorSchema.expect;
import static dev.plinth.db.it.core.ErrorSchema.provoke;
import static dev.plinth.db.it.core.ErrorSchema.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DbNotSupportedException;
import dev.plinth.db.core.error.EngineStartException;
import dev.plinth.db.core.error.NoSuchConstraintException;
import dev.plinth.db.core.error.NoSuchDatabaseException;
import dev.plinth.db.core.error.NoSuchTableException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.time.Duration;

/** Statements naming missing tables, databases and constraints, and unsupported statements. */
class ErrorTranslationSchemaTest {

  @AllBackends
  void selectFromMissingTableNamesIt(Database db) {
    NoSuchTableException e =
        expect(
            NoSuchTableException.class,
            () -> db.reader().run(tx -> tx.query("SELECT * FROM missing_t", rs -> 1)));
    assertThat(e.table()).isEqualTo("missing_t");
  }

  @AllBackends
  void dropOfMissingTableNamesIt(Database db) {
    NoSuchTableException e =
        expect(NoSuchTableException.class, () -> write(db, "DROP TABLE missing_t"));
    assertThat(e.table()).isEqualTo("missing_t");
  }

  @AllBackends
  void dropOfMissingConstraintNamesIt(Database db, Backend backend) {
    NoSuchConstraintException e =
        provoke(
            db, NoSuchConstraintException.class, "ALTER TABLE parents DROP CONSTRAINT missing_c");
    assertThat(e.constraint()).isEqualTo("missing_c");
    assertThat(e.table()).isEqualTo(backend == Backend.POSTGRESQL ? "parents" : null);
  }

  @AllBackends
  void connectingToMissingDatabaseIsNoSuchDatabase(TestDatabase testDb, Backend backend) {
    String missing = testDb.name() + "_gone";
    String url =
        backend == Backend.SQLITE
            ? "jdbc:sqlite:file:"
                + System.getProperty("java.io.tmpdir")
                + "/"
                + missing
                + "?mode=ro"
            : testDb.url().replace(testDb.name(), missing);
    EngineStartException e =
        expect(
            EngineStartException.class,
            () -> testDb.open(b -> b.connection(url).poolTimeout(Duration.ofSeconds(1))));
    assertThat(e.getCause()).isInstanceOf(NoSuchDatabaseException.class);
    // SQLite's "unable to open database file" does not say which file.
    assertThat(((NoSuchDatabaseException) e.getCause()).database())
        .isEqualTo(backend == Backend.SQLITE ? null : missing);
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void unsupportedStatementOnPostgresqlAndMysql(Database db, Backend backend) {
    ErrorSchema.create(db);
    String sql =
        backend == Backend.POSTGRESQL
            ? "SELECT COUNT(*) FROM parents FOR UPDATE"
            : "SELECT id FROM parents WHERE id IN (SELECT id FROM parents LIMIT 1)";
    expect(DbNotSupportedException.class, () -> db.reader().run(tx -> tx.query(sql, rs -> 1)));
  }
}
