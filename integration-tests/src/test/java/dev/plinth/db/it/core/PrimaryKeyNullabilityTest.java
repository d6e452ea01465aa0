package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;

/**
 * A primary-key column reads back NOT NULL exactly where the backend refuses NULL in it. On SQLite
 * that is the rowid alias ({@code INTEGER PRIMARY KEY}), which turns an inserted NULL into a new
 * key; other primary-key columns of a rowid table do accept NULL there.
 */
class PrimaryKeyNullabilityTest {

  @AllBackends
  void integerPrimaryKeyWithoutNotNullReadsBackNotNullAndMatchesModels(Database db) {
    db.writer().run(tx -> tx.update("CREATE TABLE a (id INTEGER PRIMARY KEY, x INTEGER)"));
    Table models =
        Table.builder("a")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("x", SqlType.integer()))
            .primaryKey("id")
            .build();

    assertThat(models.diff(db.schema().table("a")).differences()).isEmpty();
  }

  @AllBackends(Backend.SQLITE)
  void sqliteReportsNullableOnlyThePrimaryKeysThatAcceptNull(Database db) {
    db.writer()
        .run(
            tx -> {
              tx.update("CREATE TABLE alias (id INTEGER PRIMARY KEY)");
              tx.update("CREATE TABLE wide (id BIGINT PRIMARY KEY)");
              tx.update("CREATE TABLE descending (id INTEGER PRIMARY KEY DESC)");
              tx.update("CREATE TABLE pair (a INTEGER, b TEXT, PRIMARY KEY (a, b))");
              tx.update("CREATE TABLE strict (id INTEGER PRIMARY KEY) WITHOUT ROWID");
            });

    assertThat(nullable(db, "alias")).isFalse();
    assertThat(nullable(db, "wide")).isTrue();
    assertThat(nullable(db, "descending")).isTrue();
    assertThat(nullable(db, "pair")).isTrue();
    assertThat(nullable(db, "strict")).isFalse();
    for (String table : new String[] {"wide", "descending", "pair"}) {
      db.writer()
          .run(
              tx ->
                  tx.update("INSERT INTO " + table + " (" + first(db, table) + ") VALUES (NULL)"));
    }
    db.writer().run(tx -> tx.update("INSERT INTO alias (id) VALUES (NULL)"));
    long nulls = db.reader().call(tx -> tx.count("SELECT id FROM alias WHERE id IS NULL"));
    assertThat(nulls).isZero();
    assertThatThrownBy(
            () -> db.writer().run(tx -> tx.update("INSERT INTO strict (id) VALUES (NULL)")))
        .isInstanceOf(DbException.class);
  }

  private static boolean nullable(Database db, String table) {
    return db.schema().table(table).columns().get(0).nullable();
  }

  private static String first(Database db, String table) {
    return db.schema().table(table).columns().get(0).name();
  }
}
