package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.softdelete.DuplicateCleanup;
import dev.plinth.db.core.softdelete.RowState;
import dev.plinth.db.core.softdelete.SoftDelete;
import dev.plinth.db.core.softdelete.UniqueName;
import dev.plinth.db.testing.AllBackends;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;

class SoftDeleteTest {
  private static final Timestamp UPDATED = Timestamp.valueOf("2020-01-02 03:04:05");
  private static final Clock EARLIER =
      Clock.fixed(Instant.parse("2019-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);
  private static final String UNIQUE = UniqueName.of("items", "name", "deleted").constraintName();

  /** One row as stored: the soft-delete bookkeeping of each id. */
  record Row(long id, String name, long deleted, Timestamp deletedAt, Timestamp updatedAt) {}

  /**
   * Creates {@code items} with oslo.db's soft-delete columns; on MySQL {@code updated_at} updates
   * itself on every UPDATE unless the statement writes it back.
   */
  private static void createItems(Database db, boolean unique) {
    String dialect = db.dialect().name();
    String ts = dialect.equals("postgresql") ? "TIMESTAMP" : "DATETIME";
    String autoUpdate = dialect.equals("mysql") ? " DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP" : "";
    db.writer()
        .run(
            tx ->
                tx.update(
                    "CREATE TABLE items (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL,"
                        + " name VARCHAR(64) NOT NULL, deleted INTEGER DEFAULT 0 NOT NULL,"
                        + " deleted_at "
                        + ts
                        + " NULL, updated_at "
                        + ts
                        + " NULL"
                        + autoUpdate
                        + (unique ? ", CONSTRAINT " + UNIQUE + " UNIQUE (name, deleted)" : "")
                        + ")"));
  }

  private static void insert(Database db, long id, long project, String name) {
    db.writer()
        .run(
            tx ->
                tx.update(
                    "INSERT INTO items (id, project_id, name, updated_at) VALUES (?, ?, ?, ?)",
                    id,
                    project,
                    name,
                    UPDATED));
  }

  private static List<Row> rows(Database db) {
    return db.reader()
        .call(
            tx ->
                tx.query(
                    "SELECT id, name, deleted, deleted_at, updated_at FROM items ORDER BY id",
                    rs ->
                        new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getTimestamp(4),
                            rs.getTimestamp(5))));
  }

  /**
   * Asserts that inserting a live duplicate fails with a Plinth exception and stores nothing. The
   * exact class is left to the error classification (IntegrityException where it is refined).
   */
  private static void assertDuplicateRefused(Database db, long id, String name) {
    assertThatThrownBy(() -> insert(db, id, 1, name)).isInstanceOf(DbException.class);
    assertThat(rows(db)).extracting(Row::id).doesNotContain(id);
  }

  private static Row row(List<Row> rows, long id) {
    return rows.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
  }

  @AllBackends
  void softDeleteChangesExactlyTheMatchingLiveRows(Database db) {
    createItems(db, false);
    for (long id = 1; id <= 6; id++) {
      insert(db, id, id <= 3 ? 1 : 2, "n" + id);
    }
    db.writer().run(tx -> SoftDelete.of("items").where("id = ?", 3).clock(EARLIER).run(tx));

    int changed =
        db.writer()
            .call(tx -> SoftDelete.of("items").where("project_id = ?", 1).clock(NOW).run(tx));

    assertThat(changed).isEqualTo(2);
    List<Row> rows = rows(db);
    Timestamp now = Timestamp.valueOf("2024-05-06 07:08:09");
    for (long id : new long[] {1, 2}) {
      assertThat(row(rows, id).deleted()).isEqualTo(id);
      assertThat(row(rows, id).deletedAt()).isEqualTo(now);
    }
    assertThat(row(rows, 3).deleted()).isEqualTo(3);
    assertThat(row(rows, 3).deletedAt()).isEqualTo(Timestamp.valueOf("2019-01-01 00:00:00"));
    for (long id : new long[] {4, 5, 6}) {
      assertThat(row(rows, id).deleted()).isZero();
      assertThat(row(rows, id).deletedAt()).isNull();
    }
    assertThat(rows).extracting(Row::updatedAt).containsOnly(UPDATED);
    assertThat(count(db, RowState.LIVE)).isEqualTo(3);
    assertThat(count(db, RowState.DELETED)).isEqualTo(3);
  }

  private static long count(Database db, RowState state) {
    return db.reader()
        .call(tx -> tx.count("SELECT id FROM items WHERE " + state.sql(tx.dialect())));
  }

  @AllBackends
  void nameIsReusableAfterSoftDeleteButNotWhileLive(Database db) {
    createItems(db, true);
    insert(db, 1, 1, "bolt");
    assertDuplicateRefused(db, 2, "bolt");

    db.writer().run(tx -> SoftDelete.of("items").where("name = ?", "bolt").run(tx));
    insert(db, 2, 1, "bolt");
    assertDuplicateRefused(db, 3, "bolt");

    db.writer().run(tx -> SoftDelete.of("items").where("name = ?", "bolt").run(tx));
    insert(db, 3, 1, "bolt");
    assertThat(rows(db)).extracting(Row::deleted).containsExactly(1L, 2L, 0L);
  }

  private static void insertDuplicates(Database db) {
    createItems(db, false);
    String[] names = {"a", "b", "c", "a", "b", "a", "a", "d"};
    for (int i = 0; i < names.length; i++) {
      insert(db, i + 1, 1, names[i]);
    }
    // a soft-deleted "a" newer than every live one must neither be kept nor count as the newest
    db.writer().run(tx -> SoftDelete.of("items").where("id = ?", 7).run(tx));
  }

  @AllBackends
  void duplicateCleanupSoftDeletesAllButTheNewestLiveRowThenTheConstraintHolds(Database db) {
    removeDuplicates(db, DuplicateCleanup::softDelete);

    List<Row> rows = rows(db);
    assertThat(rows).hasSize(8);
    assertThat(rows.stream().filter(r -> r.deleted() == 0).map(Row::id))
        .containsExactly(3L, 5L, 6L, 8L);
    assertThat(rows.stream().filter(r -> r.deleted() != 0))
        .allSatisfy(r -> assertThat(r.deleted()).isEqualTo(r.id()))
        .allSatisfy(r -> assertThat(r.deletedAt()).isNotNull());
    assertThat(rows).extracting(Row::updatedAt).containsOnly(UPDATED);
    addUniqueIndex(db);
    assertDuplicateRefused(db, 9, "a");
  }

  @AllBackends
  void duplicateCleanupCanDeleteInsteadOfSoftDeleting(Database db) {
    removeDuplicates(db, DuplicateCleanup::delete);

    assertThat(rows(db)).extracting(Row::id).containsExactly(3L, 5L, 6L, 7L, 8L);
    addUniqueIndex(db);
  }

  /**
   * Fills {@code items} with duplicates of {@code name} and removes them with {@code cleanup},
   * which must count three rows.
   */
  private static void removeDuplicates(
      Database db, BiFunction<DuplicateCleanup, Tx, Integer> cleanup) {
    insertDuplicates(db);
    int removed =
        db.writer().call(tx -> cleanup.apply(DuplicateCleanup.of("items", "name", "deleted"), tx));
    assertThat(removed).isEqualTo(3);
  }

  /** Adds the unique index on {@code (name, deleted)} that the duplicates kept out. */
  private static void addUniqueIndex(Database db) {
    db.writer().run(tx -> tx.update("CREATE UNIQUE INDEX " + UNIQUE + " ON items (name, deleted)"));
  }
}
