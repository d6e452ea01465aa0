package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.it.migrate.ItemsModels;
import dev.plinth.db.it.migrate.ServiceFiles;
import dev.plinth.db.migrate.ModelsProvider;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on every backend: with the models a service lists in {@code META-INF/services} (the
 * CLI then runs in a JVM of its own with them on its class path, as a service runs it), and
 * without.
 */
class CheckCommandTest {
  private static final String DRIFTED_DDL =
      "CREATE TABLE items (id INTEGER NOT NULL, name VARCHAR(32) NOT NULL, extra INTEGER,"
          + " PRIMARY KEY (id));\nCREATE TABLE leftover (id INTEGER);";

  @TempDir Path dir;
  @TempDir Path work;

  @AllBackends
  void databaseAtTheHeadsMatchingTheModelsPasses(TestDatabase tdb)
      throws IOException, InterruptedException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision(
        "1.sql",
        "aa01",
        "",
        ItemsModels.MATCHING_DDL + "\nCREATE TABLE shadow_items (id INTEGER);",
        "DROP TABLE shadow_items;\nDROP TABLE items;");
    assertThat(cli.run("upgrade", "heads").exitCode()).isZero();

    CliProject.Result check = cli.runInJvm(models(), work, "check");
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out())
        .contains("at the heads [aa01], applied files are unchanged and the schema matches");
    assertThat(check.err()).doesNotContain("no models registered");
  }

  @AllBackends
  void everyDifferenceFromTheModelsIsListedNamingTableAndColumn(TestDatabase tdb)
      throws IOException, InterruptedException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("1.sql", "aa01", "", DRIFTED_DDL, "DROP TABLE leftover;\nDROP TABLE items;");
    assertThat(cli.run("upgrade", "heads").exitCode()).isZero();
    String[] differences = {
      "column items.name: type VARCHAR(64) in models, VARCHAR(32) in database",
      "column items.qty: missing in database",
      "column items.extra: in database, not in models",
      "table leftover: in database, not in models"
    };

    CliProject.Result text = cli.runInJvm(models(), work, "check");
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out().lines()).containsExactly(differences);
    assertThat(text.err()).contains("error: check found 4 difference(s)");

    CliProject.Result json = cli.runInJvm(models(), work, "check", "--format", "json");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(json.json())
        .isEqualTo(
            CliProject.Result.json(
                "{\"ok\":false,\"current\":[\"aa01\"],\"heads\":[\"aa01\"],"
                    + "\"edited_revision\":null,\"models\":true,\"model_differences\":[\""
                    + String.join("\",\"", differences)
                    + "\"]}"));
  }

  @AllBackends
  void withoutModelsItSaysSoAndChecksHeadsAndAppliedFiles(TestDatabase tdb, Database db)
      throws IOException {
    CliProject cli = new CliProject(dir, tdb);
    Path first =
        cli.revision("1.sql", "aa01", "", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
    cli.revision("2.sql", "bb02", "aa01", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
    assertThat(cli.run("upgrade", "aa01").exitCode()).isZero();

    CliProject.Result behind = cli.run("check");
    assertThat(behind.exitCode()).isEqualTo(1);
    assertThat(behind.err()).contains("no models registered").contains("ModelsProvider");
    assertThat(behind.out())
        .contains("the database is at [aa01] but the heads are [bb02]")
        .contains("upgrade heads");
    assertThat(cli.run("check", "--format", "json").json())
        .isEqualTo(
            CliProject.Result.json(
                "{\"ok\":false,\"current\":[\"aa01\"],\"heads\":[\"bb02\"],"
                    + "\"edited_revision\":null,\"models\":false,\"model_differences\":[]}"));

    assertThat(cli.run("upgrade", "heads").exitCode()).isZero();
    Files.writeString(first, Files.readString(first) + "-- reviewed\n");
    CliProject.Result edited = cli.run("check", "--format", "json");
    assertThat(edited.exitCode()).isEqualTo(1);
    assertThat(edited.json().get("ok").booleanValue()).isFalse();
    assertThat(edited.json().get("edited_revision").textValue()).isEqualTo("aa01");
    assertThat(cli.run("check").out()).contains("1.sql: revision aa01 was edited");

    assertThat(cli.run("repair").exitCode()).isZero();
    CliProject.Result clean = cli.run("check");
    assertThat(clean.exitCode()).as(clean.out()).isZero();
    assertThat(clean.out()).contains("at the heads [bb02], applied files are unchanged");
  }

  @AllBackends
  void contractPhaseFromTheCliRefusesToDropAColumnTheModelsDeclare(TestDatabase tdb, Database db)
      throws IOException, InterruptedException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("1.sql", "aa01", "", ItemsModels.MATCHING_DDL, "DROP TABLE items;");
    Files.writeString(
        dir.resolve("2.sql"),
        "-- revision: bb02\n-- down_revision: aa01\n-- phase: contract\n\n-- +upgrade\n"
            + "ALTER TABLE items DROP COLUMN qty;\n-- +downgrade\n");
    assertThat(cli.run("upgrade", "aa01").exitCode()).isZero();

    CliProject.Result contract =
        cli.runInJvm(models(), work, "upgrade", "heads", "--phase", "contract");
    assertThat(contract.exitCode()).isEqualTo(1);
    assertThat(contract.err()).contains("bb02").contains("would drop items.qty");
    assertThat(CliProject.versionRows(db)).containsExactly("aa01");
  }

  private Path models() throws IOException {
    return ServiceFiles.list(work.resolve("service"), ModelsProvider.class, ItemsModels.class);
  }
}
