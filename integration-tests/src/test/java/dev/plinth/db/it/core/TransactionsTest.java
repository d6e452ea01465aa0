package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;

class TransactionsTest {

  @AllBackends
  void writerCommitsAndReaderSeesTheRow(Database db) {
    ItemsTable.create(db);
    long id = db.writer().call(tx -> tx.insert("INSERT INTO items(name) VALUES (?)", "bolt"));
    assertThat(id).isPositive();
    assertThat(ItemsTable.names(db)).containsExactly("bolt");
  }

  @AllBackends
  void failureRollsBackTheWholeWriter(Database db) {
    ItemsTable.create(db);
    ItemsTable.assertWriterFails(
            db,
            tx -> {
              tx.insert("INSERT INTO items(name) VALUES (?)", "nut");
              throw new IllegalArgumentException("boom");
            })
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ItemsTable.names(db)).isEmpty();
  }

  @AllBackends
  void relaxedCommitKeepsTheRowAndLastsOneTransaction(Database db, Backend backend) {
    ItemsTable.create(db);
    String before = db.writer().call(tx -> durability(tx, backend));
    String inside =
        db.writer()
            .relaxedCommit()
            .call(
                tx -> {
                  tx.insert("INSERT INTO items(name) VALUES (?)", "washer");
                  return durability(tx, backend);
                });
    assertThat(ItemsTable.names(db)).containsExactly("washer");
    assertThat(before)
        .isEqualTo(
            switch (backend) {
              case POSTGRESQL -> "on";
              case SQLITE -> "2";
              case MYSQL -> before;
            });
    assertThat(inside)
        .isEqualTo(
            switch (backend) {
              case POSTGRESQL -> "off";
              case SQLITE -> "1";
              case MYSQL -> before;
            });
    for (int i = 0; i < 5; i++) {
      String after = db.writer().call(tx -> durability(tx, backend));
      assertThat(after).isEqualTo(before);
    }
  }

  /** The setting that decides whether a commit waits for the disk. */
  private static String durability(Tx tx, Backend backend) {
    String sql =
        switch (backend) {
          case POSTGRESQL -> "SELECT current_setting('synchronous_commit')";
          case SQLITE -> "PRAGMA synchronous";
          case MYSQL -> "SELECT @@innodb_flush_log_at_trx_commit";
        };
    return tx.queryOne(sql, rs -> rs.getString(1)).orElseThrow();
  }

  @AllBackends
  void writesInsideAReaderAreNotKept(Database db) {
    ItemsTable.create(db);
    db.reader().run(tx -> tx.update("INSERT INTO items(name) VALUES (?)", "ghost"));
    assertThat(ItemsTable.names(db)).isEmpty();
  }

  @AllBackends
  void nestedWriterJoinsTheOuterTransaction(Database db) {
    ItemsTable.create(db);
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(
                        outer -> {
                          db.writer()
                              .run(inner -> inner.update("INSERT INTO items(name) VALUES ('a')"));
                          throw new IllegalStateException("outer fails after the inner block");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ItemsTable.names(db)).isEmpty();
  }

  @AllBackends
  void writerInsideReaderIsRefused(Database db) {
    ItemsTable.create(db);
    assertThatThrownBy(() -> db.reader().run(tx -> db.writer().run(inner -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot upgrade a reader transaction to a writer");
  }

  /**
   * PostgreSQL refuses every statement after a failure in the same transaction; pgjdbc attaches the
   * earlier failure as the cause, which must not be reported as if it were this statement's.
   */
  @AllBackends(Backend.POSTGRESQL)
  void statementAfterASwallowedFailureSaysTheTransactionIsAbortedOnPostgresql(Database db) {
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(
                        tx -> {
                          try {
                            tx.update("INSERT INTO no_such_table VALUES (1)");
                          } catch (RuntimeException swallowed) {
                            // the mistake under test: the failure is caught and the block goes on
                          }
                          tx.query("SELECT 1", rs -> rs.getInt(1));
                        }))
        .isExactlyInstanceOf(DbException.class)
        .hasMessageContaining("aborted by an earlier failure")
        .hasMessageContaining("no_such_table")
        .hasMessageContaining("savepoint()");
  }
}
