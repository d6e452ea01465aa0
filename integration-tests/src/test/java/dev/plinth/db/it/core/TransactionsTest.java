package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.Optional;

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
  void relaxedCommitKeepsTheRowAndLastsOneTransaction(Database db, Backend backend) {
    ItemsTable.create(db);
    Optional<String> relax = db.dialect().relaxedCommitStatement();
    assertThat(relax.isPresent()).isEqualTo(backend == Backend.POSTGRESQL);
    String show = "SELECT current_setting('synchronous_commit')";
    String inside =
        db.writer()
            .call(
                tx -> {
                  relax.ifPresent(tx::update);
                  tx.insert("INSERT INTO items(name) VALUES (?)", "washer");
                  return relax.isPresent() ? tx.queryOne(show, rs -> rs.getString(1)).get() : "";
                });
    assertThat(ItemsTable.names(db)).containsExactly("washer");
    if (relax.isPresent()) {
      assertThat(inside).isEqualTo("off");
      for (int i = 0; i < 5; i++) {
        String after = db.writer().call(tx -> tx.queryOne(show, rs -> rs.getString(1)).get());
        assertThat(after).isEqualTo("on");
      }
    }
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
