package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

class ArchiveJobTest {

  @AllBackends
  void removedItemsLeaveWithTheirTagLinksAndArePurgedAfterTheRetention(Database db) {
    Clock longAgo = Clock.fixed(Instant.parse("2020-03-01T10:00:00Z"), ZoneOffset.UTC);
    Inventory then = new Inventory(Migrated.atHeads(db), longAgo);
    Inventory now = new Inventory(db);
    then.add("rivet", 5, List.of("hardware"));
    then.remove("rivet");
    now.add("bolt", 1, List.of("hardware"));
    now.add("nut", 2, List.of("hardware", "m6"));
    now.add("washer", 3, List.of());
    now.remove("nut");
    now.remove("washer");

    ArchiveJob.Run run = new ArchiveJob(db, Duration.ofDays(30), 2, Clock.systemUTC()).run();

    assertThat(run.archived().archived()).containsEntry("items", 3L);
    assertThat(run.archived().residue()).containsExactly(Map.entry("item_tags", 3L));
    assertThat(run.purged().deleted())
        .as("only the rows dated before the retention, rivet and its tag link")
        .containsEntry("shadow_items", 1L)
        .containsEntry("shadow_item_tags", 1L);
    assertThat(names(db, "items")).containsExactly("bolt");
    assertThat(names(db, "shadow_items")).containsExactly("nut", "washer");
    assertThat(count(db, "item_tags")).isEqualTo(1);
    assertThat(count(db, "shadow_item_tags")).isEqualTo(2);
    assertThat(count(db, "tags")).as("tags are shared, never archived").isEqualTo(2);

    ArchiveJob.Run purgeAll = new ArchiveJob(db, Duration.ZERO, 2, Clock.systemUTC()).run();
    assertThat(purgeAll.archived().totalArchived()).isZero();
    assertThat(purgeAll.purged().total()).isEqualTo(4);
    assertThat(count(db, "shadow_items") + count(db, "shadow_item_tags")).isZero();
  }

  private static List<String> names(Database db, String table) {
    return db.reader()
        .call(
            tx -> tx.query("SELECT name FROM " + table + " ORDER BY name", rs -> rs.getString(1)));
  }

  private static long count(Database db, String table) {
    return db.reader().call(tx -> tx.count("SELECT * FROM " + table));
  }
}
