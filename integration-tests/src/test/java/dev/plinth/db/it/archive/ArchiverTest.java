package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

class ArchiverTest {

  @AllBackends
  void archivingUntilCompleteKeepsEveryRowAndEveryReference(Database db) {
    NovaData.createFilled(db, 300, 1);
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);
    Map<String, Long> mainBefore = ArchiveChecks.counts(db, "");

    ArchiveResult r = Archiver.builder().database(db).maxRows(50).untilComplete(true).build().run();

    assertArchivedWhole(db, before, r);
    assertThat(r.archived()).doesNotContainKey("services");
    assertThat(ArchiveChecks.counts(db, "").get("services")).isEqualTo(mainBefore.get("services"));
    assertThat(r.totalResidue())
        .as("residue is exactly the live rows that left with a parent")
        .isPositive()
        .isEqualTo(ArchiveChecks.liveRowsInShadows(db));
    Map<String, Long> shadows = ArchiveChecks.counts(db, "shadow_");
    shadows.forEach(
        (t, n) ->
            assertThat(n)
                .as("rows in shadow_%s", t)
                .isEqualTo(r.archived().getOrDefault(t, 0L) + r.residue().getOrDefault(t, 0L)));
  }

  @AllBackends
  void aBatchTheDatabaseRefusesArrivesTranslatedAndKeepsItsRows(Database db) {
    db.writer()
        .run(
            tx -> {
              tx.update("CREATE TABLE widgets (id INTEGER PRIMARY KEY, deleted INTEGER NOT NULL)");
              tx.update("INSERT INTO widgets (id, deleted) VALUES (1, 1)");
            });
    ShadowTables.of(db).create();
    db.writer().run(tx -> tx.update("INSERT INTO shadow_widgets (id, deleted) VALUES (1, 1)"));

    assertThatThrownBy(() -> Archiver.builder().database(db).build().run())
        .isInstanceOf(DuplicateEntryException.class);
    long left = db.reader().call(tx -> tx.count("SELECT id FROM widgets"));
    assertThat(left).as("the refused batch rolled back").isEqualTo(1);
  }

  @AllBackends
  void rowsSoftDeletedWhileBatchesRunAreMovedWholeOrLeftAlone(TestDatabase tdb) throws Exception {
    // Both sides retry conflicts, as a service would (SQLite: a writer that lost the race).
    Database db = retrying(tdb);
    NovaData.createFilled(db, 200, 6);
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);
    List<Object[]> toDelete = new ArrayList<>();
    for (String table : List.of("instance_faults", "instances", "instance_actions")) {
      db.reader()
          .call(
              tx -> tx.query("SELECT id FROM " + table + " WHERE deleted = 0", rs -> rs.getLong(1)))
          .forEach(id -> toDelete.add(new Object[] {table, id}));
    }
    Collections.shuffle(toDelete, new Random(6));
    AtomicBoolean done = new AtomicBoolean();
    Thread service =
        new Thread(
            () -> {
              for (Object[] row : toDelete.subList(0, Math.min(150, toDelete.size()))) {
                db.writer()
                    .run(
                        tx ->
                            tx.update(
                                "UPDATE " + row[0] + " SET deleted = id WHERE id = ?", row[1]));
              }
              done.set(true);
            });
    service.start();
    int runs = 0;
    while (!done.get()) {
      Archiver.builder().database(db).maxRows(7).untilComplete(true).build().run();
      runs++;
    }
    service.join();
    Archiver.builder().database(db).maxRows(7).untilComplete(true).build().run();

    assertThat(runs).isPositive();
    Map<String, Map<Long, String>> after = ArchiveChecks.allRows(db);
    before.forEach(
        (table, rows) -> assertThat(after.get(table).keySet()).as(table).isEqualTo(rows.keySet()));
    assertThat(ArchiveChecks.softDeletedLeft(db)).isZero();
    ArchiveChecks.assertReferencesHold(db);
  }

  @AllBackends
  void synchronousCommitMovesTheSameRows(Database db) {
    NovaData.createFilled(db, 120, 4);
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);

    ArchiveResult r =
        Archiver.builder()
            .database(db)
            .maxRows(25)
            .untilComplete(true)
            .synchronousCommit(true)
            .build()
            .run();

    assertArchivedWhole(db, before, r);
  }

  @AllBackends
  void parallelTablesKeepEveryRowAndLeaveChildrenFirst(TestDatabase tdb) {
    // Threads may meet on InnoDB's gap locks or SQLite's single writer; the transaction retry
    // absorbs that, as it does for a service.
    Database db = retrying(tdb);
    NovaData.createFilled(db, 300, 7);
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);
    List<String> threads = new CopyOnWriteArrayList<>();

    ArchiveResult r =
        Archiver.builder()
            .database(db)
            .maxRows(20)
            .untilComplete(true)
            .parallel(3)
            .listener(batch -> threads.add(Thread.currentThread().getName()))
            .build()
            .run();

    assertArchivedWhole(db, before, r);
    assertThat(threads).as("batches ran on the archive threads").contains("plinth-archive-2");
    assertThat(r.totalResidue()).isEqualTo(ArchiveChecks.liveRowsInShadows(db));
  }

  @AllBackends
  void parallelTablesShareOneBudget(TestDatabase tdb) {
    Database db = retrying(tdb);
    NovaData.createFilled(db, 200, 8);
    assertOneRunStopsAt37Rows(db, 4);
  }

  @AllBackends
  void oneRunNeverArchivesMoreThanMaxRowsAndSaysRowsRemain(Database db) {
    NovaData.createFilled(db, 200, 2);
    assertOneRunStopsAt37Rows(db, 1);
  }

  @AllBackends
  void childrenLeaveBeforeTheirParents(Database db) {
    NovaData.createFilled(db, 100, 3);

    ArchiveResult r = Archiver.builder().database(db).maxRows(10_000).build().run();

    List<String> order = List.copyOf(r.archived().keySet());
    assertThat(order.indexOf("instance_actions_events"))
        .isLessThan(order.indexOf("instance_actions"));
    assertThat(order.indexOf("instance_actions")).isLessThan(order.indexOf("instances"));
    assertThat(order.indexOf("instance_faults")).isLessThan(order.indexOf("instances"));
    assertThat(r.rowsRemain()).isFalse();
  }

  @AllBackends
  void selfReferencingTableMovesDeletedNodesWithTheirSubtrees(Database db) {
    NovaSchema.create(db);
    db.writer()
        .run(
            tx -> {
              String sql =
                  "INSERT INTO networks (id, parent_id, label, deleted) VALUES (?, ?, ?, ?)";
              tx.update(sql, 1, null, "root", 0);
              tx.update(sql, 2, 1, "deleted inner", 2);
              tx.update(sql, 3, 2, "live under deleted", 0);
              tx.update(sql, 4, 3, "deleted grandchild", 4);
              tx.update(sql, 5, 1, "live sibling", 0);
              tx.update(sql, 6, 4, "live leaf", 0);
            });

    ArchiveResult r = Archiver.builder().database(db).maxRows(1).untilComplete(true).build().run();

    assertThat(ids(db, "networks")).containsExactly(1L, 5L);
    assertThat(ids(db, "shadow_networks")).containsExactly(2L, 3L, 4L, 6L);
    // Node 4 is soft-deleted but leaves as part of node 2's subtree, before the keyset reaches it.
    assertThat(r.archived()).containsEntry("networks", 1L);
    assertThat(r.residue()).containsEntry("networks", 3L);
    assertThat(r.rowsRemain()).isFalse();
  }

  @AllBackends
  void beforeArchivesOnlyRowsDeletedEarlier(Database db) {
    NovaData.createFilled(db, 200, 4);
    Instant cutoff = NovaData.OLD.plusDays(1).toInstant(ZoneOffset.UTC);

    Archiver.builder().database(db).before(cutoff).untilComplete(true).build().run();

    Timestamp old = Timestamp.valueOf(NovaData.OLD);
    String sql = "SELECT 1 FROM instances WHERE deleted <> 0 AND deleted_at ";
    long recentLeft = db.reader().call(tx -> tx.count(sql + "> ?", old));
    long oldLeft = db.reader().call(tx -> tx.count(sql + "<= ?", old));
    assertThat(recentLeft).isPositive();
    assertThat(oldLeft).isZero();
    ArchiveChecks.assertReferencesHold(db);
  }

  @AllBackends
  void dryRunCountsWithoutMovingAnything(Database db) {
    NovaData.createFilled(db, 100, 5);
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);
    long deleted = ArchiveChecks.softDeletedLeft(db);

    ArchiveResult r = Archiver.builder().database(db).dryRun(true).maxRows(1_000_000).build().run();

    assertThat(r.dryRun()).isTrue();
    assertThat(r.totalArchived()).isEqualTo(deleted);
    assertThat(ArchiveChecks.counts(db, "shadow_").values()).allMatch(n -> n == 0);
    assertThat(ArchiveChecks.allRows(db)).isEqualTo(before);
  }

  private static List<Long> ids(Database db, String table) {
    return db.reader()
        .call(tx -> tx.query("SELECT id FROM " + table + " ORDER BY id", rs -> rs.getLong(1)));
  }

  /**
   * Runs the archiver once with {@code maxRows(37)} over {@code parallel} tables at a time and
   * checks that it moved exactly 37 rows, says rows remain and left every reference whole.
   */
  private static void assertOneRunStopsAt37Rows(Database db, int parallel) {
    long deletedBefore = ArchiveChecks.softDeletedLeft(db);

    ArchiveResult r = Archiver.builder().database(db).maxRows(37).parallel(parallel).build().run();

    assertThat(r.totalArchived()).isEqualTo(37);
    assertThat(r.rowsRemain()).isTrue();
    assertThat(ArchiveChecks.softDeletedLeft(db)).isEqualTo(deletedBefore - 37);
    ArchiveChecks.assertReferencesHold(db);
  }

  /** A database on {@code tdb} whose transactions retry conflicts quickly, as a service's do. */
  private static Database retrying(TestDatabase tdb) {
    return tdb.open(
        b ->
            b.dbMaxRetries(100)
                .dbRetryInterval(Duration.ofMillis(5))
                .dbMaxRetryInterval(Duration.ofMillis(50)));
  }

  /** Every row is still there, in its table or its shadow, none soft-deleted is left, keys hold. */
  private static void assertArchivedWhole(
      Database db, Map<String, Map<Long, String>> before, ArchiveResult r) {
    assertThat(ArchiveChecks.allRows(db)).isEqualTo(before);
    assertThat(ArchiveChecks.softDeletedLeft(db)).isZero();
    ArchiveChecks.assertReferencesHold(db);
    assertThat(r.rowsRemain()).isFalse();
  }
}
