package dev.plinth.db.it.migrate.phases;

import static dev.plinth.db.it.migrate.MigrationState.versionRows;
import static dev.plinth.db.it.migrate.phases.PeopleRevisions.columns;
import static dev.plinth.db.it.migrate.phases.PeopleRevisions.fullNames;
import static dev.plinth.db.it.migrate.phases.PeopleRevisions.newCodeInserts;
import static dev.plinth.db.it.migrate.phases.PeopleRevisions.oldCodeInserts;
import static dev.plinth.db.it.migrate.phases.PeopleRevisions.oldCodeReads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.OnlineMigrationReport;
import dev.plinth.db.migrate.OnlineMigrationReport.Count;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.PhaseRefusedException;
import dev.plinth.db.testing.AllBackends;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An online rename walked end to end: expand while the old code runs, old and new code side by
 * side, the online data migration, then contract — refused until the data migration is done. Public
 * so that the Galera tests walk it on a cluster.
 */
public class ExpandContractScenarioTest {

  private static Migrator migrator(Database db) {
    return migrator(db, PeopleRevisions.newModels());
  }

  /** The people revisions and their data migration, checked against {@code models}. */
  private static Migrator migrator(Database db, Schema models) {
    return Migrator.builder()
        .database(db)
        .scripts(PeopleRevisions.scripts())
        .onlineDataMigrations(new PeopleRevisions.CopyFullName())
        .models(models)
        .build();
  }

  /** Expects the contract phase refused at p3, for {@code reason}. */
  private static void assertContractRefused(Migrator migrator, String reason) {
    assertThatThrownBy(() -> migrator.upgrade("heads", Phase.CONTRACT))
        .isInstanceOf(PhaseRefusedException.class)
        .hasMessageContaining("contract revision p3")
        .hasMessageContaining(reason);
  }

  /** Expand, old and new code together, the data migration, then contract. */
  @AllBackends
  public void expandOldAndNewCodeDataMigrationThenContract(Database db) {
    Migrator migrator = migrator(db);
    migrator.upgrade("p1");
    oldCodeInserts(db, 1, "Ada");
    oldCodeInserts(db, 2, "Grace");

    assertContractRefused(migrator, "expand revision p2 below it is still pending");
    assertThat(versionRows(db)).containsExactly("p1");

    assertThat(migrator.upgrade("heads", Phase.EXPAND).revisionIds()).containsExactly("p2");
    assertThat(versionRows(db)).containsExactly("p2");

    oldCodeInserts(db, 3, "Edsger");
    newCodeInserts(db, 4, "Barbara");
    assertThat(oldCodeReads(db, 4)).isEqualTo("Barbara");
    assertThat(oldCodeReads(db, 1)).isEqualTo("Ada");

    assertContractRefused(migrator, "people_full_name still find rows");
    assertThatThrownBy(() -> migrator.upgrade("heads"))
        .isInstanceOf(PhaseRefusedException.class)
        .hasMessageContaining("people_full_name");
    assertThat(versionRows(db)).containsExactly("p2");
    assertThat(columns(db)).contains("name");
    assertThat(migrator.pendingOnlineDataMigrations()).containsExactly("people_full_name");

    OnlineMigrationReport oneBatch = migrator.runOnlineDataMigrations(OptionalInt.of(2));
    assertThat(oneBatch.counts()).containsExactly(new Count("people_full_name", 2, 2));
    assertThat(oneBatch.exitCode()).isEqualTo(1);
    assertThat(migrator.pendingOnlineDataMigrations()).containsExactly("people_full_name");

    OnlineMigrationReport rest = migrator.runOnlineDataMigrations(OptionalInt.empty());
    assertThat(rest.counts()).containsExactly(new Count("people_full_name", 1, 1));
    assertThat(rest.exitCode()).isZero();
    assertThat(migrator.pendingOnlineDataMigrations()).isEmpty();
    assertThat(migrator.runOnlineDataMigrations(OptionalInt.of(5)).exitCode()).isZero();

    assertThat(migrator.upgrade("heads", Phase.CONTRACT).revisionIds()).containsExactly("p3");
    assertThat(versionRows(db)).containsExactly("p3");
    assertThat(columns(db)).containsExactly("id", "full_name");
    assertThat(fullNames(db)).isEqualTo(Map.of(1, "Ada", 2, "Grace", 3, "Edsger", 4, "Barbara"));
  }

  @AllBackends
  void contractThatDropsAColumnTheModelsDeclareIsRefusedAndLeavesNoTrace(Database db) {
    Migrator migrator = migrator(db, PeopleRevisions.oldAndNewModels());
    migrator.upgrade("p2");
    newCodeInserts(db, 1, "Ada");

    assertContractRefused(migrator, "would drop people.name, which the models still declare");

    assertThat(versionRows(db)).containsExactly("p2");
    assertThat(columns(db)).containsExactly("id", "name", "full_name");
    assertThat(oldCodeReads(db, 1)).isEqualTo("Ada");
  }

  @AllBackends
  void expandPhaseRefusesAnExpandRevisionThatNeedsAPendingUntaggedOne(Database db) {
    List<dev.plinth.db.migrate.source.MigrationScript> scripts =
        List.of(
            PhaseScript.of("u1", null, null, ctx -> ctx.execute("CREATE TABLE u1 (id INT)")),
            PhaseScript.of("u2", "u1", null, ctx -> ctx.execute("CREATE TABLE u2 (id INT)")),
            PhaseScript.of(
                "e3", "u2", Phase.EXPAND, ctx -> ctx.execute("CREATE TABLE e3 (id INT)")));
    Migrator migrator = Migrator.builder().database(db).scripts(scripts).build();
    migrator.upgrade("u1");

    assertThatThrownBy(() -> migrator.upgrade("heads", Phase.EXPAND))
        .isInstanceOf(PhaseRefusedException.class)
        .hasMessageContaining("expand revision e3")
        .hasMessageContaining("needs revision u2")
        .hasMessageContaining("tagged with no phase, not expand");
    assertThat(versionRows(db)).containsExactly("u1");

    migrator.upgrade("u2");
    assertThat(migrator.upgrade("heads", Phase.EXPAND).revisionIds()).containsExactly("e3");
  }
}
