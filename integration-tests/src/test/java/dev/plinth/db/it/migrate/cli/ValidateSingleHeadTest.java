package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --single-head}, the CI check outside JUnit: several heads fail with exit 1,
 * naming each head and a merge command that, run as printed, makes the check pass.
 */
class ValidateSingleHeadTest {
  private static final Pattern MERGE =
      Pattern.compile("plinth-migrate --locations (\\S+) (merge .*)");

  @TempDir Path dir;

  @AllBackends
  void severalHeadsFailNamingEachAndTheMergeCommandThatJoinsThem(TestDatabase tdb)
      throws IOException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("a.sql", "aa01", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    cli.revision("b.sql", "bb02", "aa01", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
    cli.revision("c.sql", "cc03", "aa01", "CREATE TABLE c (id INTEGER);", "DROP TABLE c;");

    CliProject.Result plain = cli.run("validate");
    assertThat(plain.exitCode()).as(plain.err()).isZero();

    CliProject.Result twoHeads = cli.run("validate", "--single-head");
    assertThat(twoHeads.exitCode()).isEqualTo(1);
    assertThat(twoHeads.err())
        .contains("error: the revision graph has 2 heads, one is required:")
        .contains("  bb02 \"revision bb02\" (" + dir.resolve("b.sql") + ")")
        .contains("  cc03 \"revision cc03\" (" + dir.resolve("c.sql") + ")");
    Matcher merge = MERGE.matcher(twoHeads.err());
    assertThat(merge.find()).as(twoHeads.err()).isTrue();
    assertThat(merge.group(1)).isEqualTo("filesystem:" + dir);
    assertThat(merge.group(2)).isEqualTo("merge -m \"merge heads\" bb02 cc03");

    assertThat(cli.run("merge", "-m", "merge heads", "bb02", "cc03").exitCode()).isZero();
    CliProject.Result merged = cli.run("validate", "--single-head");
    assertThat(merged.exitCode()).as(merged.err()).isZero();
    assertThat(merged.out()).contains("4 revision(s)").doesNotContain("bb02, cc03");
  }
}
