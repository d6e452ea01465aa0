package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;

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
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(
                        tx -> {
                          tx.insert("INSERT INTO items(name) VALUES (?)", "nut");
                          throw new IllegalArgumentException("boom");
                        }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ItemsTable.names(db)).isEmpty();
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
}
