package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.TxAction;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.StatementCounter;
import dev.plinth.db.testing.StatementCounter.Counts;
import dev.plinth.db.testing.TestDatabase;

class StatementCounterTest {
  private final StatementCounter counter = new StatementCounter();

  private Database openWithItems(TestDatabase tdb) {
    Database db = counter.open(tdb);
    ItemsTable.create(db);
    return db;
  }

  private Counts inWriter(Database db, TxAction work) {
    return counter.count(() -> db.writer().run(work));
  }

  @AllBackends
  void aBlockWithOneQueryCountsOneStatementInOneTransaction(TestDatabase tdb) {
    Database db = openWithItems(tdb);

    Counts counts = counter.count(() -> ItemsTable.names(db));

    counts.requireStatements(1).requireTransactions(1);
    assertThat(counts.statements()).containsExactly("SELECT name FROM items ORDER BY id");
    assertThat(counts.rollbacks()).isEqualTo(1);
    assertThat(counts.commits()).isZero();
  }

  @AllBackends
  void aLoopOfQueriesCountsEachAndTheFailureNamesTheRepeatedStatement(TestDatabase tdb) {
    Database db = openWithItems(tdb);

    Counts counts =
        counter.count(
            () ->
                db.reader()
                    .run(
                        tx -> {
                          for (int i = 0; i < 7; i++) {
                            tx.queryOne(
                                "SELECT name FROM items WHERE id = ?", rs -> rs.getString(1), i);
                          }
                        }));

    counts.requireStatements(7).requireTransactions(1);
    assertThatThrownBy(() -> counts.requireStatements(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 1 statement(s) but the block issued 7")
        .hasMessageContaining("7 × SELECT name FROM items WHERE id = ?");
  }

  @AllBackends
  void nestedWriterCallsCountOneTransactionAndIndependentOnesTheirOwn(TestDatabase tdb) {
    Database db = openWithItems(tdb);

    Counts nested =
        inWriter(
            db,
            tx -> {
              db.writer().run(inner -> inner.update("INSERT INTO items(name) VALUES ('a')"));
              db.writer().run(inner -> inner.update("INSERT INTO items(name) VALUES ('b')"));
            });
    nested.requireStatements(2).requireTransactions(1);
    assertThat(nested.commits()).isEqualTo(1);

    Counts independent =
        inWriter(
            db,
            tx ->
                db.writer()
                    .independent()
                    .run(inner -> inner.update("INSERT INTO items(name) VALUES ('c')")));
    independent.requireStatements(1).requireTransactions(2);
    assertThatThrownBy(() -> independent.requireTransactions(1))
        .hasMessageContaining("expected 1 transaction(s) but the block began 2 (2 committed");
  }

  @AllBackends
  void aFailedWriterCountsItsRollback(TestDatabase tdb) {
    Database db = openWithItems(tdb);

    Counts counts =
        counter.count(
            () ->
                ItemsTable.assertWriterFails(
                    db,
                    tx -> {
                      tx.update("INSERT INTO items(name) VALUES ('a')");
                      tx.update("INSERT INTO items(name) VALUES ('a')");
                    }));

    counts.requireStatements(2).requireTransactions(1);
    assertThat(counts.commits()).isZero();
    assertThat(counts.rollbacks()).isEqualTo(1);
  }

  @AllBackends
  void statementsThroughAMyBatisMapperAreCounted(TestDatabase tdb) {
    Database db = ItemsTable.openWithMapper(tdb, b -> b.statementListener(counter));

    Counts counts =
        inWriter(
            db,
            tx -> {
              ItemMapper items = tx.mapper(ItemMapper.class);
              items.add("bolt", 1);
              items.add("nut", 2);
              items.addQty("nut", 3);
              assertThat(items.names()).containsExactly("bolt", "nut");
            });

    counts.requireStatements(4).requireTransactions(1);
    assertThat(counts.statements())
        .contains(
            "INSERT INTO items(name, qty) VALUES (?, ?)", "SELECT name FROM items ORDER BY id");
  }
}
