package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed inputs of issue 3, each through {@code plinth-migrate upgrade heads} on a database
 * already at revision {@code aa01}: the documented exit code, one stderr line naming the file and
 * the revision, and the version table left as it was. Graph and file errors (exit 2) are found
 * before anything connects; SQL errors and edited applied files (exit 1) after.
 */
class MalformedInputTest {
  @TempDir Path dir;

  @AllBackends
  void badHeaderExitsWithTwo(TestDatabase tdb, Database db) throws IOException {
    CliProject cli = appliedBase(tdb);
    Files.writeString(
        dir.resolve("bad.sql"),
        "-- revision: bb02\n-- down_revision: aa01\n-- phase: sideways\n\n-- +upgrade\nSELECT 1;\n");
    expect(cli, db, "heads", 2, "bad.sql", "sideways");
  }

  @AllBackends
  void unknownDownRevisionExitsWithTwo(TestDatabase tdb, Database db) throws IOException {
    List<Noop> orphan = List.of(new Noop("orphan.sql", "bb02", "zz99"));
    expectGraphError(tdb, db, "heads", orphan, "orphan.sql", "bb02", "zz99");
  }

  @AllBackends
  void cycleExitsWithTwo(TestDatabase tdb, Database db) throws IOException {
    List<Noop> cycle =
        List.of(new Noop("b.sql", "bb02", "cc03"), new Noop("c.sql", "cc03", "bb02"));
    expectGraphError(tdb, db, "heads", cycle, "b.sql", "bb02", "cc03");
  }

  @AllBackends
  void duplicateIdExitsWithTwo(TestDatabase tdb, Database db) throws IOException {
    expectGraphError(
        tdb, db, "heads", List.of(new Noop("copy.sql", "aa01", "")), "copy.sql", "aa01");
  }

  @AllBackends
  void ambiguousPrefixExitsWithTwo(TestDatabase tdb, Database db) throws IOException {
    List<Noop> twoB =
        List.of(new Noop("b1.sql", "bb01", "aa01"), new Noop("b2.sql", "bb02", "aa01"));
    expectGraphError(tdb, db, "bb", twoB, "b1.sql", "bb01", "bb02");
  }

  @AllBackends
  void sqlErrorInTheMiddleOfARevisionExitsWithOne(TestDatabase tdb, Database db)
      throws IOException {
    CliProject cli = appliedBase(tdb);
    cli.revision(
        "broken.sql",
        "bb02",
        "aa01",
        "CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table (id) VALUES (1);\n"
            + "CREATE TABLE never (id INTEGER);",
        "DROP TABLE half;");
    expect(cli, db, "heads", 1, "broken.sql", "bb02", "statement 2");
    assertThat(CliProject.tableExists(db, "never")).isFalse();
    // MySQL commits DDL implicitly: the table before the failure stays, as documented.
    assertThat(CliProject.tableExists(db, "half")).isEqualTo(tdb.backend() == Backend.MYSQL);
  }

  @AllBackends
  void editedAppliedFileExitsWithOne(TestDatabase tdb, Database db) throws IOException {
    CliProject cli = appliedBase(tdb);
    Path base = dir.resolve("base.sql");
    Files.writeString(base, Files.readString(base).replace("base_t", "base_edited"));
    cli.revision("next.sql", "bb02", "aa01", "CREATE TABLE next_t (id INTEGER);", "");
    expect(cli, db, "heads", 1, "base.sql", "aa01", "was edited");
    assertThat(CliProject.tableExists(db, "next_t")).isFalse();
    assertThat(cli.run("validate").exitCode()).isEqualTo(1);
  }

  @AllBackends
  void revisionIdLongerThanTheVersionTableHoldsExitsWithTwo(TestDatabase tdb, Database db)
      throws IOException {
    CliProject cli = appliedBase(tdb);
    String id = "a".repeat(40);
    cli.revision("long.sql", id, "aa01", "CREATE TABLE long_t (id INTEGER);", "");
    expect(cli, db, "heads", 2, "long.sql", id, "at most 32");
    assertThat(CliProject.tableExists(db, "long_t")).isFalse();
  }

  @AllBackends
  void editedAppliedFileIsNotDowngradedWithoutAWord(TestDatabase tdb, Database db)
      throws IOException {
    CliProject cli = appliedBase(tdb);
    Path base = dir.resolve("base.sql");
    Files.writeString(base, Files.readString(base).replace("DROP TABLE base_t;", "SELECT 1;"));
    CliProject.Result run = cli.run("downgrade", "base");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("base.sql").contains("aa01").contains("was edited");
    assertThat(CliProject.versionRows(db)).containsExactly("aa01");
    assertThat(CliProject.tableExists(db, "base_t")).isTrue();
  }

  @AllBackends
  void invalidVersionTableExitsWithTwo(TestDatabase tdb, Database db) throws IOException {
    CliProject cli = appliedBase(tdb);
    CliProject.Result run = cli.run("--version-table", "bad\"name", "current");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("versionTable 'bad\"name'").hasLineCount(1);
  }

  /** An unset variable ({@code downgrade "$TARGET"}) must never mean base: it would drop it all. */
  @AllBackends
  void emptyOrBlankTargetIsRefusedByEveryCommandThatTakesOne(TestDatabase tdb, Database db)
      throws IOException {
    CliProject cli = appliedBase(tdb);
    cli.revision(
        "next.sql", "bb02", "aa01", "CREATE TABLE next_t (id INTEGER);", "DROP TABLE next_t;");
    assertThat(cli.run("upgrade", "heads").exitCode()).isZero();
    for (String target : new String[] {"", " ", "\t"}) {
      for (String[] command :
          new String[][] {
            {"upgrade", target},
            {"downgrade", target},
            {"stamp", target},
            {"upgrade", "--plan", target},
            {"downgrade", "--plan", target},
            {"upgrade", "--sql", target},
            {"downgrade", "--sql", target},
            {"show", target}
          }) {
        CliProject.Result run = cli.run(command);
        assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isEqualTo(2);
        assertThat(run.err()).as(String.join(" ", command)).contains("empty").hasLineCount(1);
      }
    }
    assertThat(CliProject.versionRows(db)).containsExactly("bb02");
    assertThat(CliProject.tableExists(db, "next_t")).isTrue();
    assertThat(CliProject.tableExists(db, "base_t")).isTrue();
    CliProject.Result down = cli.run("downgrade", "base");
    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(CliProject.tableExists(db, "base_t")).isFalse();
  }

  private CliProject appliedBase(TestDatabase tdb) throws IOException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("base.sql", "aa01", "", "CREATE TABLE base_t (id INTEGER);", "DROP TABLE base_t;");
    CliProject.Result up = cli.run("upgrade", "heads");
    assertThat(up.exitCode()).as(up.err()).isZero();
    return cli;
  }

  /** A revision that only selects 1: what is wrong with it is in its header. */
  private record Noop(String file, String id, String down) {}

  /**
   * Adds {@code revisions} to the applied base and expects {@code upgrade target} to exit with 2,
   * naming each of {@code named}.
   */
  private void expectGraphError(
      TestDatabase tdb, Database db, String target, List<Noop> revisions, String... named)
      throws IOException {
    CliProject cli = appliedBase(tdb);
    for (Noop r : revisions) {
      cli.revision(r.file(), r.id(), r.down(), "SELECT 1;", "");
    }
    expect(cli, db, target, 2, named);
  }

  private static void expect(
      CliProject cli, Database db, String target, int code, String... named) {
    CliProject.Result run = cli.run("upgrade", target);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
    assertThat(run.err()).startsWith("error: ").hasLineCount(1).doesNotContain("\tat ");
    assertThat(run.err()).contains(named);
    assertThat(CliProject.versionRows(db)).containsExactly("aa01");
  }
}
