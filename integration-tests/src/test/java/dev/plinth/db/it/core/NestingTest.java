package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;

class NestingTest {

  @AllBackends
  void failedSavepointBlockRollsBackOnlyItsOwnWork(Database db) {
    ItemsTable.create(db);
    db.writer()
        .run(
            tx -> {
              tx.update("INSERT INTO items(name) VALUES ('kept')");
              assertThatThrownBy(
                      () ->
                          db.writer()
                              .savepoint()
                              .run(
                                  inner -> {
                                    inner.update("INSERT INTO items(name) VALUES ('dropped')");
                                    inner.update("INSERT INTO items(name) VALUES ('kept')");
                                  }))
                  .isNotNull();
              tx.update("INSERT INTO items(name) VALUES ('after')");
            });
    assertThat(ItemsTable.names(db)).containsExactly("kept", "after");
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void independentTransactionCommitsEvenWhenTheOuterRollsBackOnServerBackends(Database db) {
    ItemsTable.create(db);
    ItemsTable.assertWriterFails(
            db,
            tx -> {
              tx.update("INSERT INTO items(name) VALUES ('outer')");
              db.writer()
                  .independent()
                  .run(audit -> audit.update("INSERT INTO items(name) VALUES ('audit')"));
              tx.update("UPDATE items SET qty = 1 WHERE name = 'outer'");
              throw new IllegalStateException("outer fails");
            })
        .isInstanceOf(IllegalStateException.class);
    assertThat(ItemsTable.names(db)).containsExactly("audit");
  }

  @AllBackends
  void afterAnIndependentBlockTheOuterTransactionResumes(Database db) {
    ItemsTable.create(db);
    db.writer()
        .run(
            tx -> {
              db.reader().independent().run(r -> r.count("SELECT * FROM items"));
              tx.update("INSERT INTO items(name) VALUES ('outer')");
              assertThat(db.writer().<Long>call(inner -> inner.count("SELECT * FROM items")))
                  .isEqualTo(1);
            });
    assertThat(ItemsTable.names(db)).containsExactly("outer");
  }

  @AllBackends
  void asyncReaderInsideAWriterJoinsTheWriterAndSeesItsRows(Database db) {
    ItemsTable.create(db);
    db.writer()
        .run(
            tx -> {
              tx.update("INSERT INTO items(name) VALUES ('fresh')");
              assertThat(db.asyncReader().<Long>call(r -> r.count("SELECT * FROM items")))
                  .isEqualTo(1);
            });
  }

  @AllBackends
  void readerInsideAnAsyncReaderIsRefused(Database db) {
    assertThatThrownBy(() -> db.asyncReader().run(tx -> db.reader().run(inner -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("async reader");
  }

  @AllBackends
  void savepointAndIndependentTogetherAreRefused(Database db) {
    assertThatThrownBy(() -> db.writer().savepoint().independent())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> db.writer().independent().savepoint())
        .isInstanceOf(IllegalStateException.class);
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void asyncReaderReadsTheSlaveConnectionOnServerBackends(TestDatabase primary, Database main)
      throws Exception {
    ItemsTable.create(main);
    main.writer().run(tx -> tx.update("INSERT INTO items(name) VALUES ('on-primary')"));
    String replicaDatabase = primary.name() + "_r";
    String replicaUrl = primary.url().replace(primary.name(), replicaDatabase);
    try (java.sql.Connection admin = java.sql.DriverManager.getConnection(primary.url())) {
      admin.setAutoCommit(true);
      admin.createStatement().execute("CREATE DATABASE " + replicaDatabase);
    }
    try {
      Database split = primary.open(b -> b.slaveConnection(replicaUrl));
      split.writer().run(tx -> assertThat(tx.count("SELECT * FROM items")).isEqualTo(1));
      assertThatThrownBy(() -> split.asyncReader().run(tx -> tx.count("SELECT * FROM items")))
          .as("the replica database has no items table")
          .isInstanceOf(dev.plinth.db.core.error.DbException.class);
      split.close();
    } finally {
      try (java.sql.Connection admin = java.sql.DriverManager.getConnection(primary.url())) {
        admin.setAutoCommit(true);
        // A service's own pool (the service-pool run) may still hold a replica connection.
        admin
            .createStatement()
            .execute(
                "DROP DATABASE "
                    + replicaDatabase
                    + (primary.backend() == Backend.POSTGRESQL ? " WITH (FORCE)" : ""));
      }
    }
  }
}
