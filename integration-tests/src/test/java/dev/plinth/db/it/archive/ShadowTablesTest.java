package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.db.archive.ArchiveException;
import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.ShadowDrift;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.testing.AllBackends;
import java.util.List;
import java.util.Map;

class ShadowTablesTest {

  @AllBackends
  void shadowTablesKeepColumnsAndKeyButNoConstraints(Database db) {
    NovaSchema.create(db);
    db.schema().invalidate();
    Table main = db.schema().table("instance_faults");
    Table shadow = db.schema().table("shadow_instance_faults");

    assertThat(shadow.columns()).hasSameSizeAs(main.columns());
    for (int i = 0; i < main.columns().size(); i++) {
      Column m = main.columns().get(i);
      assertThat(shadow.columns().get(i))
          .as("shadow column %s: same but not auto-increment", m.name())
          .isEqualTo(new Column(m.name(), m.type(), m.nullable(), m.serverDefault(), false));
    }
    assertThat(shadow.primaryKey()).containsExactly("id");
    assertThat(shadow.foreignKeys()).isEmpty();
    assertThat(shadow.uniqueConstraints()).isEmpty();
    assertThat(db.schema().table("shadow_instances").indexes()).isEmpty();
    assertThat(db.schema().table("shadow_instances").uniqueConstraints()).isEmpty();
    assertThat(ShadowTables.of(db).check()).isEmpty();
    assertThat(ShadowTables.of(db).create().created()).as("nothing left to create").isEmpty();
  }

  @AllBackends
  void tablesWithoutSoftDeleteGetNoShadow(Database db) {
    NovaSchema.create(db);
    db.schema().invalidate();
    assertThat(db.schema().schema().table("shadow_services")).isEmpty();
  }

  @AllBackends
  void driftedShadowIsRefusedNamingTheColumnAndItsTablesAreUntouched(Database db) {
    NovaData.createFilled(db, 100, 7);
    db.writer().run(tx -> tx.update("ALTER TABLE block_device_mapping ADD volume_size INTEGER"));
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);

    List<ShadowDrift> drift = ShadowTables.of(db).check();
    assertThat(drift)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.describe())
                    .contains("block_device_mapping.volume_size")
                    .contains("missing in shadow_block_device_mapping"));

    ArchiveException refused =
        catchThrowableOfType(
            ArchiveException.class,
            () -> Archiver.builder().database(db).untilComplete(true).build().run());

    assertThat(refused.getMessage())
        .contains("table block_device_mapping refused")
        .contains("block_device_mapping.volume_size")
        .contains("table instances refused, its child table block_device_mapping");
    Map<String, Map<Long, String>> after = ArchiveChecks.allRows(db);
    assertThat(after.get("block_device_mapping")).isEqualTo(before.get("block_device_mapping"));
    assertThat(after.get("instances")).isEqualTo(before.get("instances"));
    assertThat(ArchiveChecks.counts(db, "shadow_"))
        .containsEntry("block_device_mapping", 0L)
        .containsEntry("instances", 0L);
    ArchiveResult done = refused.result().orElseThrow();
    assertThat(done.refused()).containsOnlyKeys("block_device_mapping", "instances");
    assertThat(done.archived()).containsKeys("networks", "instance_faults");
    assertThat(after).isEqualTo(before);
  }

  @AllBackends
  void missingShadowIsRefusedAndCreatedAgain(Database db) {
    NovaData.createFilled(db, 20, 8);
    db.writer().run(tx -> tx.update("DROP TABLE shadow_networks"));

    ArchiveException refused =
        catchThrowableOfType(
            ArchiveException.class,
            () -> Archiver.builder().database(db).tables(List.of("networks")).build().run());
    assertThat(refused.getMessage()).contains("shadow table shadow_networks is missing");

    assertThat(ShadowTables.of(db).create().created()).containsExactly("shadow_networks");
    assertThat(Archiver.builder().database(db).tables(List.of("networks")).build().run().archived())
        .containsKey("networks");
  }
}
