package dev.plinth.db.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that need no database, run in-process on a small DAG: a base, two branches, one of
 * them labelled, and a MySQL-only routine.
 *
 * <pre>
 *   a1 ─┬─ b2
 *       └─ c3 (label feature) ─ d4
 * </pre>
 */
class CliOfflineTest {
  @TempDir Path dir;
  private String locations;

  @BeforeEach
  void writeRevisions() throws IOException {
    locations = "--locations=filesystem:" + dir;
    sql("a1.sql", "a1000000", "", "create items", "CREATE TABLE items (id INTEGER PRIMARY KEY)");
    sql("b2.sql", "b2000000", "a1000000", "branch b", "ALTER TABLE items ADD COLUMN b INTEGER");
    Files.writeString(
        dir.resolve("c3.sql"),
        "-- revision: c3000000\n-- down_revision: a1000000\n-- branch_labels: feature\n"
            + "-- message: routine\n\n-- +upgrade\nCREATE TABLE c (id INTEGER);\n"
            + "-- +upgrade mysql\nCREATE TABLE c (id INTEGER);\n"
            + "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END;\n"
            + "-- +downgrade\nDROP TABLE c;\n");
    sql("d4.sql", "d4000000", "c3000000", "after c", "INSERT INTO c (id) VALUES (4)");
  }

  @Test
  void headsAndBasesPrintJsonObjectsOfIds() {
    assertThat(run("heads", "--format", "json").ids()).containsExactly("b2000000", "d4000000");
    assertThat(run("--format=json", "bases").ids()).containsExactly("a1000000");
    assertThat(run("--format=json", "branches").ids()).containsExactly("a1000000");
    assertThat(run("heads").out()).contains("d4000000 (head)").contains("b2000000 (head)");
  }

  @Test
  void historyIsNewestFirstAndRangeLimitsIt() {
    CliRun all = run("history", "--format", "json");
    assertThat(all.ids()).containsExactly("b2000000", "d4000000", "c3000000", "a1000000");
    assertThat(run("history").out())
        .contains("c3000000 -> d4000000 (head), after c")
        .contains("<base> -> a1000000 (branchpoint), create items");
    assertThat(run("history", "-r", "c3:heads", "--format", "json").ids())
        .containsExactly("d4000000", "c3000000");
  }

  @Test
  void graphPrintsDotAndMermaid() {
    String dot = run("graph").out();
    assertThat(dot).startsWith("digraph revisions {").contains("\"d4000000\" -> \"c3000000\";");
    assertThat(dot.strip()).endsWith("}");
    String mermaid = run("graph", "--format", "mermaid").out();
    assertThat(mermaid).startsWith("flowchart BT").contains("r_b2000000 --> r_a1000000");
  }

  @Test
  void planFromSeveralHeadsNeedsNoDatabase() {
    CliRun plan = run("upgrade", "b2,c3:heads", "--plan", "--format", "json");
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.ids()).containsExactly("d4000000");
    assertThat(run("upgrade", "base:heads", "--plan", "--format", "json").ids())
        .containsExactly("a1000000", "c3000000", "d4000000", "b2000000");
    assertThat(run("downgrade", "b2,d4:c3", "--plan", "--format", "json").ids())
        .containsExactly("d4000000");
  }

  @Test
  void relativeDowngradeFromSeveralHeadsStepsDownTheFirstGiven() {
    assertThat(run("downgrade", "b2,d4:-1", "--plan", "--format", "json").out().strip())
        .isEqualTo("[\"b2000000\"]");
    assertThat(run("downgrade", "d4,b2:-1", "--plan", "--format", "json").out().strip())
        .isEqualTo("[\"d4000000\"]");
    CliRun tooFar = run("downgrade", "b2,d4:-3", "--plan");
    assertThat(tooFar.exitCode()).isEqualTo(2);
    assertThat(tooFar.err()).contains("'-3' walks past the end of the revision graph");
  }

  @Test
  void offlineUpgradeFromBaseCreatesTheTablesAndWrapsEachRevision() {
    CliRun sql = run("upgrade", "c3", "--sql", "--dialect", "postgresql");
    assertThat(sql.exitCode()).isZero();
    assertThat(sql.out())
        .contains("CREATE TABLE \"plinth_version\"")
        .contains("CREATE TABLE \"plinth_history\"")
        .containsSubsequence(
            "BEGIN;",
            "CREATE TABLE items (id INTEGER PRIMARY KEY);",
            "INSERT INTO \"plinth_version\" (version_num) VALUES ('a1000000');",
            "INSERT INTO \"plinth_history\"",
            "COMMIT;",
            "BEGIN;",
            "CREATE TABLE c (id INTEGER);",
            versionMove("a1000000", "c3000000"),
            "'v1:",
            "COMMIT;");
    assertThat(sql.out())
        .doesNotContain("b2000000")
        .doesNotContain("DELETE")
        .doesNotContain("PRAGMA");
  }

  @Test
  void offlineRangeStartsFromTheGivenRowsWithoutCreatingTables() {
    CliRun sql = run("upgrade", "b2,c3:heads", "--sql", "--dialect", "sqlite");
    assertThat(sql.out())
        .doesNotContain("CREATE TABLE")
        .contains(versionMove("c3000000", "d4000000"));
    CliRun down = run("downgrade", "d4:c3", "--sql", "--url", "jdbc:sqlite:unused.db");
    assertThat(down.out())
        .contains("-- downgrade d4000000")
        .contains(versionMove("d4000000", "c3000000"));
  }

  @Test
  void offlineMysqlRoutineBodyIsWrappedInDelimiter() {
    CliRun sql = run("upgrade", "a1:c3", "--sql", "--dialect", "mysql");
    assertThat(sql.out())
        .contains(
            "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END\n//\nDELIMITER ;")
        .contains(
            "UPDATE `plinth_version` SET version_num = 'c3000000' WHERE version_num = 'a1000000';");
  }

  @Test
  void offlineDowngradeWithoutRangeIsBadUsage() {
    CliRun run = run("downgrade", "base", "--sql", "--dialect", "sqlite");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("downgrade --sql needs FROM:TO");
  }

  @Test
  void unknownTargetAmbiguousPrefixAndBadUsageExitWithTwo() throws IOException {
    CliRun unknown = run("upgrade", "base:zz99", "--plan");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("zz99").doesNotContain("at dev.plinth");
    sql("b9.sql", "b9000000", "b2000000", "another b", "SELECT 1");
    CliRun ambiguous = run("show", "b");
    assertThat(ambiguous.exitCode()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("b2000000").contains("b9000000");
    assertThat(run("heads", "--format", "yaml").exitCode()).isEqualTo(2);
    assertThat(run("graph", "--format", "json").exitCode()).isEqualTo(2);
    assertThat(run("upgrade").exitCode()).isEqualTo(2);
    assertThat(run("heads", "--no-such-option").exitCode()).isEqualTo(2);
    assertThat(run("upgrade", "heads", "--plan").err()).contains("needs a database");
  }

  @Test
  void cycleAndBadHeaderExitWithTwoNamingTheFile() throws IOException {
    sql("a1.sql", "a1000000", "d4000000", "now a cycle", "SELECT 1");
    CliRun cycle = run("heads");
    assertThat(cycle.exitCode()).isEqualTo(2);
    assertThat(cycle.err()).contains("cycle").contains("a1000000");

    sql("a1.sql", "a1000000", "", "base again", "SELECT 1");
    Files.writeString(dir.resolve("bad.sql"), "-- revision a1\n-- +upgrade\nSELECT 1;\n");
    CliRun bad = run("validate");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.sql");
  }

  @Test
  void verboseAddsTheStackTrace() {
    assertThat(run("show", "zz", "--verbose").err()).contains("at dev.plinth");
  }

  @Test
  void revisionRefusesToGuessAmongSeveralHeadsAndMergeJoinsThem() throws IOException {
    CliRun guess = run("revision", "-m", "next");
    assertThat(guess.exitCode()).isEqualTo(2);
    assertThat(guess.err()).contains("several heads").contains("--head").contains("merge");

    CliRun merge = run("merge", "-m", "join b and feature");
    assertThat(merge.exitCode()).isZero();
    String mergeFile = Files.readString(Path.of(merge.out().strip()));
    assertThat(mergeFile).contains("-- down_revision: b2000000, d4000000");

    CliRun next = run("revision", "-m", "Add notes!", "--phase", "expand");
    assertThat(next.exitCode()).isZero();
    Path file = Path.of(next.out().strip());
    assertThat(file.getFileName().toString()).matches("[0-9a-f]{12}_add_notes\\.sql");
    String mergeId =
        mergeFile.lines().findFirst().orElseThrow().substring("-- revision: ".length());
    assertThat(Files.readString(file))
        .contains("-- down_revision: " + mergeId)
        .contains("-- phase: expand")
        .contains("-- message: Add notes!");
    assertThat(run("heads", "--format", "json").out())
        .contains(file.getFileName().toString().substring(0, 12));
  }

  @Test
  void initCreatesTheDirectoryAndRefusesANonEmptyOne() {
    Path fresh = dir.resolve("fresh");
    CliRun init = CliRun.of("init", "--locations", "filesystem:" + fresh);
    assertThat(init.exitCode()).isZero();
    assertThat(fresh.resolve("README.md")).exists();
    assertThat(CliRun.of("heads", "--locations", "filesystem:" + fresh).exitCode()).isZero();
    assertThat(CliRun.of("init", "--locations", "filesystem:" + fresh).exitCode()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String command :
        new String[] {"upgrade", "downgrade", "check", "graph", "revision", "history", "init"}) {
      CliRun help = run(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Usage: plinth-migrate " + command);
    }
    assertThat(run("check", "--help").out())
        .contains("META-INF/services/dev.plinth.db.migrate.ModelsProvider");
  }

  private CliRun run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = locations;
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  private void sql(String file, String id, String down, String message, String statement)
      throws IOException {
    Files.writeString(
        dir.resolve(file),
        "-- revision: "
            + id
            + "\n"
            + (down.isEmpty() ? "" : "-- down_revision: " + down + "\n")
            + "-- message: "
            + message
            + "\n\n-- +upgrade\n"
            + statement
            + ";\n-- +downgrade\n");
  }

  /** The statement that moves the SQLite version row from {@code from} to {@code to}. */
  private static String versionMove(String from, String to) {
    return "UPDATE \"plinth_version\" SET version_num = '"
        + to
        + "' WHERE version_num = '"
        + from
        + "';";
  }
}
