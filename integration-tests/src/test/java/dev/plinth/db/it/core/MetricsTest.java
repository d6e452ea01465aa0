package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.metrics.PlinthMeters;
import dev.plinth.db.it.migrate.SqlRevisionFiles;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionFailedException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Database.builder().metrics(PlinthMeters.of(registry))}: after real work, the registry
 * holds HikariCP's pool meters and Plinth's own, with exact counts by scope, outcome and cause.
 */
class MetricsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @AllBackends
  void transactionsAreCountedByScopeAndOutcomeAndPoolsAreMetered(TestDatabase tdb) {
    Database db = metered(tdb, c -> c.dbMaxRetries(2).dbRetryInterval(Duration.ofMillis(10)));
    db.writer()
        .run(
            tx ->
                tx.update(
                    "CREATE TABLE gauges (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL,"
                        + " CONSTRAINT uniq_gauges0name UNIQUE (name))"));
    db.writer().run(tx -> tx.update("INSERT INTO gauges (id, name) VALUES (1, 'a')"));
    assertThatThrownBy(
            () -> db.writer().run(tx -> tx.update("INSERT INTO gauges (id, name) VALUES (2, 'a')")))
        .isInstanceOf(DuplicateEntryException.class);
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(
                        tx -> {
                          tx.update("INSERT INTO gauges (id, name) VALUES (3, 'c')");
                          throw new IllegalStateException("abandoned by the service");
                        }))
        .isInstanceOf(IllegalStateException.class);
    AtomicInteger attempts = new AtomicInteger();
    db.writer()
        .retryIf(e -> e instanceof IllegalArgumentException)
        .run(
            tx -> {
              tx.update("INSERT INTO gauges (id, name) VALUES (4, 'd')");
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalArgumentException("once");
              }
            });
    long nested =
        db.writer().call(tx -> db.reader().call(inner -> inner.count("SELECT id FROM gauges")));
    long read = db.reader().call(tx -> tx.count("SELECT id FROM gauges"));
    long readAsync = db.asyncReader().call(tx -> tx.count("SELECT id FROM gauges"));

    assertThat(List.of(nested, read, readAsync)).containsOnly(2L);
    assertThat(transactions("writer", "commit"))
        .as("create, insert, retried insert, nested")
        .isEqualTo(4);
    assertThat(transactions("writer", "rollback")).as("abandoned, first attempt").isEqualTo(2);
    assertThat(transactions("writer", "failed")).as("duplicate").isEqualTo(1);
    assertThat(transactions("reader", "rollback")).isEqualTo(1);
    assertThat(transactions("async_reader", "rollback")).isEqualTo(1);
    assertThat(transactions("reader", "failed") + transactions("async_reader", "failed")).isZero();
    assertThat(retries("other")).isEqualTo(1);
    assertThat(retries("deadlock") + retries("connection")).isZero();
    assertThat(registry.get("plinth.deadlocks").counter().count()).isZero();
    assertThat(registry.get("plinth.connect.first").timer().count()).isEqualTo(1);
    assertThat(registry.get("hikaricp.connections").tag("pool", "metered-writer").gauge())
        .isNotNull();
    assertThat(
            registry
                .get("hikaricp.connections.acquire")
                .tag("pool", "metered-writer")
                .timer()
                .count())
        .as("connections borrowed for the 9 transactions")
        .isGreaterThanOrEqualTo(9);
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void deadlocksAndLostConnectionsAreCountedByCauseOnServerBackends(TestDatabase tdb)
      throws Exception {
    Database db = metered(tdb, c -> c.dbMaxRetries(5).dbRetryInterval(Duration.ofMillis(50)));
    ItemsTable.create(db);
    int deadlockAttempts = Deadlocks.provoke(db);
    AtomicInteger killed = new AtomicInteger();
    db.writer()
        .run(
            tx -> {
              if (killed.incrementAndGet() == 1) {
                tdb.terminate(tdb.sessionId(tx.connection()));
              }
              tx.update("UPDATE items SET qty = qty + 1 WHERE name = 'b'");
            });

    assertThat(killed).hasValue(2);
    assertThat(retries("connection")).isEqualTo(1);
    assertThat(retries("deadlock"))
        .as("each attempt after the two that met at the barrier retried a deadlock")
        .isEqualTo(deadlockAttempts - 2)
        .isPositive();
    assertThat(registry.get("plinth.deadlocks").counter().count()).isEqualTo(deadlockAttempts - 2);
    assertThat(retries("other")).isZero();
    assertThat(transactions("writer", "commit")).as("create, insert, killed, both").isEqualTo(5);
    assertThat(transactions("writer", "failed"))
        .as("the killed attempt and the deadlocked ones")
        .isEqualTo(1 + deadlockAttempts - 2);
  }

  @AllBackends
  void revisionsAndArchivedRowsAreMeteredByDirectionOutcomeAndTable(
      TestDatabase tdb, @TempDir Path dir) throws Exception {
    Database db = metered(tdb, c -> c.set("slave_connection", tdb.url()));
    SqlRevisionFiles.write(
        dir,
        "gadgets.sql",
        "m1",
        "",
        "CREATE TABLE gadgets (id INTEGER PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0);",
        "DROP TABLE gadgets;");
    SqlRevisionFiles.write(
        dir,
        "parts.sql",
        "m2",
        "m1",
        "CREATE TABLE parts (id INTEGER PRIMARY KEY, gadget_id INTEGER NOT NULL,"
            + " deleted INTEGER NOT NULL DEFAULT 0,"
            + " FOREIGN KEY (gadget_id) REFERENCES gadgets (id));",
        "DROP TABLE parts;");
    Migrator migrator = Migrator.builder().database(db).locations("filesystem:" + dir).build();
    migrator.upgrade("heads");
    SqlRevisionFiles.write(
        dir, "broken.sql", "m3", "m2", "SELECT * FROM no_such_table;", "SELECT 1;");
    Migrator broken = Migrator.builder().database(db).locations("filesystem:" + dir).build();
    assertThatThrownBy(() -> broken.upgrade("heads")).isInstanceOf(RevisionFailedException.class);
    ShadowTables.of(db).create();
    db.writer()
        .run(
            tx -> {
              for (int id = 1; id <= 5; id++) {
                tx.update("INSERT INTO gadgets (id, deleted) VALUES (?, ?)", id, id <= 3 ? id : 0);
              }
              tx.update("INSERT INTO parts (id, gadget_id, deleted) VALUES (10, 1, 0)");
              tx.update("INSERT INTO parts (id, gadget_id, deleted) VALUES (11, 4, 11)");
              tx.update("INSERT INTO parts (id, gadget_id, deleted) VALUES (12, 5, 0)");
            });

    ArchiveResult archived = Archiver.builder().database(db).untilComplete(true).build().run();

    assertThat(revisions("upgrade", "success")).isEqualTo(2);
    assertThat(revisions("upgrade", "failure")).isEqualTo(1);
    assertThat(registry.find("plinth.migrate.revisions").tag("direction", "downgrade").timer())
        .isNull();
    assertThat(archived.archived()).isEqualTo(Map.of("parts", 1L, "gadgets", 3L));
    assertThat(archived.residue()).isEqualTo(Map.of("parts", 1L));
    assertThat(archiveCounter("plinth.archive.rows", "gadgets")).isEqualTo(3);
    assertThat(archiveCounter("plinth.archive.rows", "parts")).isEqualTo(1);
    assertThat(archiveCounter("plinth.archive.residue", "parts")).isEqualTo(1);
    assertThat(registry.find("plinth.archive.residue").tag("table", "gadgets").counter()).isNull();
    for (String pool : List.of("metered-writer", "metered-reader")) {
      assertThat(registry.get("hikaricp.connections").tag("pool", pool).gauge().value())
          .as("connections of pool %s", pool)
          .isPositive();
    }
  }

  /** A database on {@code tdb} with {@code settings}, reporting to this test's registry. */
  private Database metered(TestDatabase tdb, Consumer<DatabaseConfig.Builder> settings) {
    DatabaseConfig.Builder config = tdb.config();
    settings.accept(config);
    return tdb.track(
        Database.builder()
            .config(config.build())
            .poolName("metered")
            .metrics(PlinthMeters.of(registry, Tags.of("service", "metrics-test")))
            .build());
  }

  private long transactions(String scope, String outcome) {
    return registry
        .get("plinth.transactions")
        .tags("service", "metrics-test", "scope", scope, "outcome", outcome)
        .timer()
        .count();
  }

  private double retries(String cause) {
    return registry.get("plinth.transaction.retries").tag("cause", cause).counter().count();
  }

  private long revisions(String direction, String outcome) {
    return registry
        .get("plinth.migrate.revisions")
        .tags("direction", direction, "outcome", outcome)
        .timer()
        .count();
  }

  private double archiveCounter(String name, String table) {
    return registry.get(name).tag("table", table).counter().count();
  }
}
