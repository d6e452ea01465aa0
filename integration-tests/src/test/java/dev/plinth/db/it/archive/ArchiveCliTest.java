package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.db.archive.cli.Main;
import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CLI run in-process through picocli: exit codes, messages and output formats. */
class ArchiveCliTest {
  @TempDir Path dir;

  /** Exit code, stdout and stderr of one run. */
  private record Run(int exit, String out, String err) {
    /** Stdout parsed as JSON. */
    JsonNode json() {
      return ArchiveCliTest.json(out);
    }
  }

  private static Run run(String... args) {
    return run(Map.of(), args);
  }

  private static Run run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(environment)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @AllBackends
  void unknownTableIsBadUsageNamingTheTable(TestDatabase tdb, Database db) {
    NovaSchema.create(db);
    Run r = run("archive", "--url", tdb.url(), "--tables", "instances,no_such_table");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--tables").contains("unknown table no_such_table");
  }

  static Stream<Arguments> badUsage() {
    String memory = "jdbc:sqlite::memory:";
    return Stream.of(
        Arguments.of(
            List.of("archive", "--url", memory, "--parallel", "0"),
            List.of("--parallel must be at least 1, got 0")),
        Arguments.of(
            List.of("archive", "--url", memory, "--max-rows", "-5"),
            List.of("--max-rows must be at least 1, got -5")),
        Arguments.of(
            List.of("archive", "--url", memory, "--before", "last tuesday"),
            List.of("--before", "'last tuesday' is not a date")),
        Arguments.of(
            List.of("purge", "--url", memory, "--before", "2024-13-45"),
            List.of("--before", "2024-13-45")),
        Arguments.of(List.of("purge", "--url", memory), List.of("--before", "--all")));
  }

  /** A bad option value, or a missing choice, exits with 2 and says what is wrong. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badUsage")
  void badUsageExitsWithTwoNamingTheOption(List<String> args, List<String> message) {
    Run r = run(args.toArray(String[]::new));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    assertThat(run("--help").out()).contains("Exit codes");
    assertThat(run("archive", "--help").out())
        .contains("--max-rows")
        .contains("residue")
        .contains("--synchronous-commit")
        .contains("--parallel");
    assertThat(run("purge", "--help").out()).contains("--all");
    assertThat(run("shadow", "create", "--help").out()).contains("primary key");
    assertThat(run("shadow", "check", "--help").out()).contains("column by column");
  }

  @AllBackends
  void budgetUsedUpExitsThreeAndJsonCarriesTheCounts(TestDatabase tdb, Database db) {
    NovaData.createFilled(db, 50, 12);
    Run first = run("archive", "--url", tdb.url(), "--max-rows", "5", "--format", "json");
    assertThat(first.exit()).as(first.err()).isEqualTo(3);
    assertThat(first.json().get("total_archived").intValue()).isEqualTo(5);
    assertThat(first.json().get("rows_remain").booleanValue()).isTrue();
    assertThat(first.json().get("dry_run").booleanValue()).isFalse();
    assertThat(first.err()).contains("archived ").contains("rows/s");

    Run rest =
        run(
            "--url",
            tdb.url(),
            "archive",
            "--until-complete",
            "--synchronous-commit",
            "--parallel",
            "2");
    assertThat(rest.exit()).as(rest.err()).isZero();
    assertThat(rest.out()).contains("instances: archived").contains("nothing left");
    assertThat(ArchiveChecks.softDeletedLeft(db)).isZero();
  }

  @AllBackends
  void shadowCheckExitsOneOnDriftAndCreateRepairsMissingTables(TestDatabase tdb, Database db) {
    NovaSchema.create(db);
    assertThat(run("shadow", "check", "--url", tdb.url()).exit()).isZero();
    db.writer().run(tx -> tx.update("DROP TABLE shadow_instance_faults"));
    db.writer().run(tx -> tx.update("ALTER TABLE networks ADD cidr VARCHAR(43)"));

    Run check = run("shadow", "check", "--url", tdb.url());
    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.out()).contains("shadow_instance_faults is missing").contains("networks.cidr");

    Run create = run("--format", "json", "--url", tdb.url(), "shadow", "create");
    assertThat(create.exit()).isZero();
    assertThat(create.json())
        .isEqualTo(json("{\"created\":[\"shadow_instance_faults\"],\"refused\":{}}"));
    Run archive = run("archive", "--url", tdb.url());
    assertThat(archive.exit()).isEqualTo(1);
    assertThat(archive.err()).contains("table networks refused").contains("networks.cidr");
  }

  /**
   * A table whose name holds the backend's quote character cannot be quoted safely: it is refused
   * on its own, named, and the others are shadowed and archived; the run says rows remain.
   */
  @AllBackends
  void oneUnquotableTableIsRefusedAloneAndRowsRemain(TestDatabase tdb, Database db) {
    String odd = "a\"b`c";
    String quote = db.dialect().quote("x").substring(0, 1);
    String quotedOdd = quote + odd.replace(quote, quote + quote) + quote;
    db.writer()
        .run(
            tx -> {
              for (String table : List.of("aaa", quotedOdd, "items")) {
                tx.update(
                    "CREATE TABLE "
                        + table
                        + " (id INTEGER NOT NULL PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0)");
                tx.update("INSERT INTO " + table + " (id, deleted) VALUES (1, 1), (2, 0)");
              }
              tx.update("CREATE TABLE plain (id INTEGER NOT NULL PRIMARY KEY)");
            });
    Run create = run("--url", tdb.url(), "--format", "json", "shadow", "create");
    assertThat(create.exit()).as(create.err()).isEqualTo(1);
    assertThat(create.out()).contains("\"shadow_aaa\"").contains("\"shadow_items\"");
    assertThat(create.err()).contains("table " + odd + " refused").hasLineCount(1);

    Run archive = run("--url", tdb.url(), "--format", "json", "archive", "--until-complete");
    assertThat(archive.exit()).as(archive.err()).isEqualTo(1);
    assertThat(archive.out())
        .contains("\"aaa\":1")
        .contains("\"items\":1")
        .contains("\"rows_remain\":true")
        .contains("table a\\\"b`c refused");
    assertThat(archive.err()).contains("table " + odd + " refused");
    long oddRows = db.reader().call(tx -> tx.count("SELECT id FROM " + quotedOdd));
    long shadowItems = db.reader().call(tx -> tx.count("SELECT id FROM shadow_items"));
    assertThat(oddRows).isEqualTo(2);
    assertThat(shadowItems).isEqualTo(1);

    Run plain = run("--url", tdb.url(), "archive", "--tables", "plain");
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(plain.out()).contains("plain: skipped, no deleted column");
  }

  @AllBackends
  void everyCommandPrintsOneSnakeCaseObject(TestDatabase tdb, Database db) {
    NovaData.createFilled(db, 20, 3);
    assertThat(run("--url", tdb.url(), "--format", "json", "shadow", "check").json())
        .isEqualTo(json("{\"drift\":{}}"));
    assertThat(run("--url", tdb.url(), "--format", "json", "shadow", "create").json())
        .isEqualTo(json("{\"created\":[],\"refused\":{}}"));

    Run archive = run("--url", tdb.url(), "--format", "json", "archive", "--until-complete");
    assertThat(archive.exit()).as(archive.err()).isZero();
    JsonNode archived = archive.json();
    assertThat(archived.fieldNames())
        .toIterable()
        .containsExactly(
            "archived",
            "residue",
            "refused",
            "skipped",
            "total_archived",
            "total_residue",
            "rows_remain",
            "dry_run");
    long total = archived.get("total_archived").longValue();
    assertThat(total).isPositive().isEqualTo(sum(archived.get("archived")));

    Run purge = run("--url", tdb.url(), "--format", "json", "purge", "--all");
    assertThat(purge.exit()).as(purge.err()).isZero();
    assertThat(purge.json().fieldNames())
        .toIterable()
        .containsExactly("deleted", "skipped", "total");
    assertThat(purge.json().get("total").longValue())
        .isEqualTo(sum(purge.json().get("deleted")))
        .isGreaterThanOrEqualTo(total);
  }

  @AllBackends
  void optionsComeFromTheCommandLineThenTheEnvironmentThenTheConfigFile(
      TestDatabase tdb, Database db) throws IOException {
    NovaData.createFilled(db, 50, 12);
    Path config = dir.resolve("archive.properties");
    Files.writeString(
        config,
        "database.connection="
            + tdb.url().replace("\\", "\\\\")
            + "\nplinth.format=json\nplinth.archive.max_rows=5\n");
    String file = "--config=" + config;

    assertThat(run(file, "archive").json().get("total_archived").intValue()).isEqualTo(5);
    Map<String, String> env = Map.of("PLINTH_ARCHIVE_MAX_ROWS", "7");
    assertThat(run(env, file, "archive").json().get("total_archived").intValue()).isEqualTo(7);
    Run given = run(env, file, "archive", "--max-rows", "3");
    assertThat(given.exit()).as(given.err()).isEqualTo(3);
    assertThat(given.json().get("total_archived").intValue()).isEqualTo(3);

    Run named = run(Map.of("PLINTH_CONFIG", config.toString()), "shadow", "check");
    assertThat(named.exit()).as(named.err()).isZero();
    assertThat(named.json()).isEqualTo(json("{\"drift\":{}}"));
  }

  @AllBackends
  void quietDropsTheProgressLinesAndKeepsTheResult(TestDatabase tdb, Database db) {
    NovaData.createFilled(db, 20, 5);
    Run noisy = run("--url", tdb.url(), "archive", "--max-rows", "2");
    assertThat(noisy.err()).contains("archived ").contains("rows/s");
    Run quiet = run("--url", tdb.url(), "-q", "archive", "--max-rows", "2");
    assertThat(quiet.exit()).isEqualTo(3);
    assertThat(quiet.err()).isEmpty();
    assertThat(quiet.out()).contains("total: archived 2");
  }

  @Test
  void versionHelpAndCompletionLikePlinthMigrate() {
    Run version = run("--version");
    assertThat(version.out().strip())
        .isEqualTo("plinth-archive " + System.getProperty("plinth.version", "unset"));
    assertThat(run("help", "purge").out()).contains("Usage: plinth-archive purge").contains("-q");
    assertThat(run("generate-completion").out())
        .contains("complete -F _complete_plinth-archive")
        .contains("--connect-retry-interval");
    Run badFormat = run("--format", "yaml", "shadow", "check");
    assertThat(badFormat.exit()).isEqualTo(2);
    assertThat(badFormat.err()).contains("text, json");
  }

  private static long sum(JsonNode counts) {
    long sum = 0;
    for (JsonNode n : counts) {
      sum += n.longValue();
    }
    return sum;
  }
}
