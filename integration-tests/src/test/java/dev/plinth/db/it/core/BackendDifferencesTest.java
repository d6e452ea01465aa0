package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DataException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The backend differences docs/guide.md states, each asserted as it is, so that the page stays true
 * when a driver or server changes: what a too-long string, a lone UTF-16 surrogate and invalid
 * UTF-8 bytes become in a {@code VARCHAR(64)}.
 */
class BackendDifferencesTest {
  private static final String TEN_MEGABYTES = "x".repeat(10_000_000);

  @BeforeEach
  void table(Database db) {
    db.writer().run(tx -> tx.update("CREATE TABLE diffs (id INTEGER PRIMARY KEY, v VARCHAR(64))"));
  }

  @AllBackends
  void tooLongStringIsStoredWholeOnSqliteOnlyAndRefusedElsewhere(TestDatabase tdb, Database db) {
    if (tdb.backend() == Backend.SQLITE) {
      db.writer().run(tx -> tx.update("INSERT INTO diffs (id, v) VALUES (1, ?)", TEN_MEGABYTES));
      long stored =
          db.reader()
              .call(tx -> tx.query("SELECT LENGTH(v) FROM diffs", rs -> rs.getLong(1)).get(0));
      assertThat(stored).isEqualTo(10_000_000L);
    } else {
      assertThatThrownBy(
              () ->
                  db.writer()
                      .run(
                          tx ->
                              tx.update("INSERT INTO diffs (id, v) VALUES (1, ?)", TEN_MEGABYTES)))
          .isInstanceOf(DataException.class);
    }
  }

  @AllBackends
  void loneSurrogateIsStoredAsAQuestionMarkEverywhere(Database db) {
    db.writer().run(tx -> tx.update("INSERT INTO diffs (id, v) VALUES (1, ?)", "a\uD800b"));
    assertThat(read(db)).isEqualTo("a?b");
  }

  @AllBackends
  void invalidUtf8BytesInATextColumnDifferPerBackend(TestDatabase tdb, Database db) {
    byte[] invalid = {(byte) 0x61, (byte) 0xff, (byte) 0xfe};
    Map<Backend, String> readBack =
        Map.of(Backend.SQLITE, "a\uFFFD\uFFFD", Backend.POSTGRESQL, "\\x61fffe");
    if (tdb.backend() == Backend.MYSQL) {
      assertThatThrownBy(
              () ->
                  db.writer()
                      .run(tx -> tx.update("INSERT INTO diffs (id, v) VALUES (1, ?)", invalid)))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("Incorrect string value");
    } else {
      db.writer().run(tx -> tx.update("INSERT INTO diffs (id, v) VALUES (1, ?)", invalid));
      assertThat(read(db)).isEqualTo(readBack.get(tdb.backend()));
    }
  }

  private static String read(Database db) {
    return db.reader().call(tx -> tx.query("SELECT v FROM diffs", rs -> rs.getString(1)).get(0));
  }
}
