package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.PurgeResult;
import dev.plinth.db.archive.Purger;
import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import java.sql.Timestamp;
import java.time.ZoneOffset;

class PurgeTest {

  @AllBackends
  void purgeBeforeKeepsNewerRowsAndAllEmptiesTheShadows(Database db) {
    NovaData.createFilled(db, 150, 9);
    Archiver.builder().database(db).untilComplete(true).build().run();
    long recent =
        db.reader()
            .call(
                tx ->
                    tx.count(
                        "SELECT 1 FROM shadow_instances WHERE deleted_at >= ?",
                        Timestamp.valueOf(NovaData.RECENT)));
    assertThat(recent).isPositive();

    PurgeResult r =
        Purger.builder()
            .database(db)
            .before(NovaData.RECENT.minusDays(1).toInstant(ZoneOffset.UTC))
            .batchSize(7)
            .build()
            .run();

    assertThat(r.total()).isPositive();
    assertThat(ArchiveChecks.counts(db, "shadow_")).containsEntry("instances", recent);
    assertThat(ArchiveChecks.liveRowsInShadows(db)).as("residue ages by updated_at").isZero();

    PurgeResult all = Purger.builder().database(db).all().build().run();
    assertThat(all.total()).isPositive();
    assertThat(ArchiveChecks.counts(db, "shadow_").values()).allMatch(n -> n == 0);
  }

  @AllBackends
  void purgeNeedsADateOrAll(Database db) {
    assertThatThrownBy(() -> Purger.builder().database(db).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before(...) and all()");
  }
}
