package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees from plinth-migrate against a real database: one snake_case JSON object per
 * command, one progress line per revision on stderr (none with {@code -q}, every log line and stack
 * traces with {@code -v}), and options from the environment and the {@code --config} file, the
 * command line winning.
 */
class MigrateCliOutputTest {
  @TempDir Path dir;
  @TempDir Path work;

  @AllBackends
  void everyDatabaseCommandPrintsOneJsonDocument(TestDatabase tdb, Database db) throws IOException {
    CliProject cli = threeRevisions(tdb);
    assertJson(cli.run("current", "--format", "json"), "[]");
    assertJson(
        cli.run("upgrade", "heads", "--format", "json"),
        "{\"revisions\":[\"aa01\",\"bb02\",\"cc03\"],\"current\":[\"cc03\"]}");
    assertJson(
        cli.run("downgrade", "aa01", "--format", "json"),
        "{\"revisions\":[\"cc03\",\"bb02\"],\"current\":[\"aa01\"]}");
    assertJson(cli.run("stamp", "heads", "--format", "json"), "[\"cc03\"]");
    assertJson(cli.run("repair", "--format", "json"), "[]");
    assertJson(cli.run("online-data-migrations", "--format", "json"), "{\"migrations\":[]}");

    db.writer().run(tx -> tx.update("DROP TABLE plinth_version"));
    db.writer()
        .run(
            tx -> {
              tx.update("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
              tx.update("INSERT INTO alembic_version (version_num) VALUES ('ffff00001111')");
            });
    Path mapping = work.resolve("mapping.properties");
    Files.writeString(mapping, "alembic.ffff00001111=bb02\n");
    assertJson(cli.run("adopt", "--mapping", mapping.toString(), "--format", "json"), "[\"bb02\"]");
  }

  @AllBackends
  void progressIsOneLinePerRevisionQuietIsResultsOnlyVerboseIsEverything(
      TestDatabase tdb, Database db) throws Exception {
    threeRevisions(tdb);
    Map<String, String> env =
        Map.of("PLINTH_URL", tdb.url(), "PLINTH_LOCATIONS", "filesystem:" + dir);

    CliProject.Result plain = CliProject.runInJvm(env, work, "upgrade", "bb02");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.out().lines()).containsExactly("aa01", "bb02");
    assertThat(plain.err().lines())
        .hasSize(3)
        .anyMatch(l -> l.contains("upgrade aa01"))
        .anyMatch(l -> l.contains("upgrade bb02"))
        .anyMatch(l -> l.startsWith("2 revision(s) run"));

    CliProject.Result quiet = CliProject.runInJvm(env, work, "-q", "upgrade", "heads");
    assertThat(quiet.exitCode()).as(quiet.err()).isZero();
    assertThat(quiet.out().lines()).containsExactly("cc03");
    assertThat(quiet.err()).isEmpty();

    CliProject.Result verbose = CliProject.runInJvm(env, work, "-v", "show", "nope");
    assertThat(verbose.exitCode()).isEqualTo(2);
    assertThat(verbose.err()).startsWith("error: ").contains("\tat dev.plinth");
    CliProject.Result debug = CliProject.runInJvm(env, work, "--verbose", "current");
    assertThat(debug.err()).contains("INFO database").contains("Start completed");
    assertThat(CliProject.runInJvm(env, work, "current").err()).isEmpty();
  }

  @AllBackends
  void environmentBeatsTheConfigFileAndTheCommandLineBeatsBoth(TestDatabase tdb, Database db)
      throws Exception {
    threeRevisions(tdb);
    Path config = work.resolve("plinth.properties");
    Files.writeString(
        config,
        "database.connection="
            + tdb.url().replace("\\", "\\\\")
            + "\nplinth.locations=filesystem:"
            + dir
            + "\nplinth.format=json\n");
    Map<String, String> env = Map.of("PLINTH_CONFIG", config.toString());

    CliProject.Result planned = CliProject.runInJvm(env, work, "upgrade", "heads", "--plan");
    assertJson(planned, "[\"aa01\",\"bb02\",\"cc03\"]");

    Map<String, String> text = Map.of("PLINTH_CONFIG", config.toString(), "PLINTH_FORMAT", "text");
    assertThat(CliProject.runInJvm(text, work, "upgrade", "heads", "--plan").out().lines())
        .containsExactly("aa01", "bb02", "cc03");
    CliProject.Result given =
        CliProject.runInJvm(text, work, "--format", "json", "upgrade", "heads");
    assertJson(given, "{\"revisions\":[\"aa01\",\"bb02\",\"cc03\"],\"current\":[\"cc03\"]}");
    assertThat(CliProject.versionRows(db)).containsExactly("cc03");
  }

  private static void assertJson(CliProject.Result result, String expected) {
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).as("one line of JSON").hasSize(1);
    assertThat(result.json()).isEqualTo(CliProject.Result.json(expected));
  }

  private CliProject threeRevisions(TestDatabase tdb) throws IOException {
    return CliProject.threeRevisions(dir, tdb);
  }
}
