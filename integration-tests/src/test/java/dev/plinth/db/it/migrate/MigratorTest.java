package dev.plinth.db.it.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.ChecksumMismatchException;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionFailedException;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;

class MigratorTest {

  static Migrator migrator(Database db, List<MigrationScript> scripts) {
    return Migrator.builder().database(db).scripts(scripts).build();
  }

  @AllBackends
  void upgradeRunsTheDagOnceAndTheVersionTableNamesTheMerge(Database db) {
    Migrator migrator = migrator(db, SampleRevisions.dag());
    assertThat(migrator.current()).isEmpty();
    assertThat(migrator.planUpgrade("heads"))
        .containsExactlyInAnyOrderElementsOf(SampleRevisions.IDS);

    MigrationResult result = migrator.upgrade("heads");

    assertThat(result.revisionIds()).hasSize(4).startsWith("r1").endsWith("r4");
    assertThat(result.headsBefore()).isEmpty();
    assertThat(result.headsAfter()).containsExactly("r4");
    assertThat(MigrationState.versionRows(db)).containsExactly("r4");
    assertThat(migrator.current()).containsExactly("r4");
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L, "r2", 1L, "r3", 1L, "r4", 1L));
    assertThat(MigrationState.history(db, "upgrade", "success"))
        .isEqualTo(Map.of("r1", 1L, "r2", 1L, "r3", 1L, "r4", 1L));
    assertThat(migrator.upgrade("heads").applied()).isEmpty();
  }

  @AllBackends
  void upgradeToOneBranchLeavesOneRowPerHead(Database db) {
    Migrator migrator = migrator(db, SampleRevisions.dag());
    migrator.upgrade("r2");
    migrator.upgrade("r3");
    assertThat(MigrationState.versionRows(db)).containsExactly("r2", "r3");
  }

  @AllBackends
  void downgradeRevertsInReverseAndUpdatesTheVersionTable(Database db) {
    Migrator migrator = migrator(db, SampleRevisions.dag());
    migrator.upgrade("heads");

    MigrationResult down = migrator.downgrade("r1");

    assertThat(down.revisionIds()).hasSize(3).startsWith("r4");
    assertThat(MigrationState.versionRows(db)).containsExactly("r1");
    assertThat(MigrationState.tableExists(db, "t2")).isFalse();
    assertThat(MigrationState.tableExists(db, "t3")).isFalse();
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L));
    assertThat(MigrationState.history(db, "downgrade", "success"))
        .isEqualTo(Map.of("r2", 1L, "r3", 1L, "r4", 1L));

    migrator.downgrade("base");
    assertThat(MigrationState.versionRows(db)).isEmpty();
    assertThat(MigrationState.tableExists(db, "applied_log")).isFalse();
  }

  @AllBackends
  void stampSetsTheVersionTableWithoutRunningAnything(Database db) {
    Migrator migrator = migrator(db, SampleRevisions.dag());

    MigrationResult stamped = migrator.stamp("r2");

    assertThat(stamped.applied()).isEmpty();
    assertThat(MigrationState.versionRows(db)).containsExactly("r2");
    assertThat(MigrationState.tableExists(db, "applied_log")).isFalse();
    assertThat(MigrationState.history(db, "stamp", "success")).isEqualTo(Map.of("r2", 1L));
    assertThat(migrator.planUpgrade("heads")).containsExactly("r3", "r4");

    migrator.stamp("base");
    assertThat(MigrationState.versionRows(db)).isEmpty();
  }

  @AllBackends({Backend.SQLITE, Backend.POSTGRESQL})
  void failedRevisionLeavesNoTraceWithTransactionalDdl(Database db) {
    assertFailingRevisionRefused(db)
        .hasMessageContaining("test/r5.sql: upgrade of revision r5 failed at statement 3")
        .hasMessageContaining("Nothing of it was kept")
        .satisfies(e -> assertThat(((RevisionFailedException) e).committedStatements()).isEmpty());

    assertThat(MigrationState.versionRows(db)).containsExactly("r4");
    assertThat(MigrationState.tableExists(db, "t5")).isFalse();
    assertThat(MigrationState.logged(db)).doesNotContainKey("r5");
    assertThat(MigrationState.history(db, "upgrade", "failure")).isEqualTo(Map.of("r5", 1L));
  }

  @AllBackends(Backend.MYSQL)
  void failedRevisionOnMysqlNamesTheStatementsItCommitted(Database db) {
    assertFailingRevisionRefused(db)
        .hasMessageContaining("1 statement(s) of it had already been committed")
        .hasMessageContaining("[1] CREATE TABLE t5 (id INTEGER)")
        .hasMessageContaining("still names the last completed revision(s) [r4]")
        .satisfies(
            e ->
                assertThat(((RevisionFailedException) e).committedStatements())
                    .containsExactly("CREATE TABLE t5 (id INTEGER)"));

    assertThat(MigrationState.versionRows(db)).containsExactly("r4");
    assertThat(MigrationState.tableExists(db, "t5")).isTrue();
    assertThat(MigrationState.logged(db)).doesNotContainKey("r5");
  }

  /** Upgrades the sample revisions and r5, whose third statement fails, and expects the refusal. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertFailingRevisionRefused(
      Database db) {
    Migrator migrator = migrator(db, withFailingRevision());
    return assertThatThrownBy(() -> migrator.upgrade("heads"))
        .isInstanceOf(RevisionFailedException.class);
  }

  @AllBackends
  void nonTransactionalRevisionCommitsEachStatementAndNamesThem(Database db) {
    List<MigrationScript> scripts = SampleRevisions.dag();
    scripts.add(
        TestScript.of(
                "r5",
                List.of("r4"),
                List.of(SampleRevisions.log("r5"), "INSERT INTO no_such_table VALUES (1)"),
                List.of())
            .nonTransactional());

    assertThatThrownBy(() -> migrator(db, scripts).upgrade("heads"))
        .isInstanceOf(RevisionFailedException.class)
        .hasMessageContaining("it runs outside a transaction")
        .hasMessageContaining("[1] INSERT INTO applied_log");
    assertThat(MigrationState.versionRows(db)).containsExactly("r4");
    assertThat(MigrationState.logged(db)).containsEntry("r5", 1L);
  }

  @AllBackends
  void editedAppliedScriptIsReportedAndNothingRuns(Database db) {
    migrator(db, SampleRevisions.dag()).upgrade("r2");
    List<MigrationScript> edited = SampleRevisions.dag();
    edited.set(1, ((TestScript) edited.get(1)).withChecksum("v1:edited"));
    Migrator migrator = migrator(db, edited);

    assertThatThrownBy(() -> migrator.upgrade("heads"))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining("test/r2.sql: revision r2 was edited after it was applied")
        .hasMessageContaining("recorded checksum v1:r2, now v1:edited")
        .hasMessageContaining("plinth-migrate repair");
    assertThat(MigrationState.versionRows(db)).containsExactly("r2");
    assertThat(MigrationState.logged(db)).isEqualTo(Map.of("r1", 1L, "r2", 1L));

    assertThat(migrator.repair()).containsExactly("r2");
    assertThat(migrator.upgrade("heads").revisionIds()).containsExactly("r3", "r4");
  }

  private static List<MigrationScript> withFailingRevision() {
    List<MigrationScript> scripts = SampleRevisions.dag();
    scripts.add(
        TestScript.of(
            "r5",
            List.of("r4"),
            List.of(
                "CREATE TABLE t5 (id INTEGER)",
                SampleRevisions.log("r5"),
                "INSERT INTO no_such_table VALUES (1)"),
            List.of("DROP TABLE t5")));
    return scripts;
  }
}
