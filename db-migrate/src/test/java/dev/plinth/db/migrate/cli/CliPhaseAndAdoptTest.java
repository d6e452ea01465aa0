package dev.plinth.db.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upgrade --phase}, {@code online-data-migrations} and {@code adopt} on a SQLite file. */
class CliPhaseAndAdoptTest {
  @TempDir Path dir;
  private String url;
  private String locations;

  @BeforeEach
  void writeRevisions() throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    revision(migrations, "r1", "", "", "CREATE TABLE t (id INTEGER PRIMARY KEY, a VARCHAR(10))");
    revision(migrations, "e2", "r1", "expand", "ALTER TABLE t ADD COLUMN b VARCHAR(10)");
    revision(migrations, "c3", "e2", "contract", "ALTER TABLE t DROP COLUMN a");
    url = "jdbc:sqlite:" + dir.resolve("app.db");
    locations = "filesystem:" + migrations;
  }

  private static void revision(Path into, String id, String down, String phase, String sql)
      throws IOException {
    String header =
        "-- revision: "
            + id
            + "\n"
            + (down.isEmpty() ? "" : "-- down_revision: " + down + "\n")
            + (phase.isEmpty() ? "" : "-- phase: " + phase + "\n");
    Files.writeString(into.resolve(id + ".sql"), header + "\n-- +upgrade\n" + sql + ";\n");
  }

  private CliRun cli(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--url";
    all[1] = url;
    all[2] = "--locations";
    all[3] = locations;
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.of(all);
  }

  @Test
  void upgradePhasesRunExpandThenContract() {
    assertThat(cli("upgrade", "r1").exitCode()).isZero();
    CliRun contractFirst = cli("upgrade", "heads", "--phase", "contract");
    assertThat(contractFirst.exitCode()).isEqualTo(1);
    assertThat(contractFirst.err()).contains("contract revision c3", "expand revision e2");

    CliRun expand = cli("upgrade", "heads", "--phase", "expand");
    assertThat(expand.exitCode()).isZero();
    assertThat(expand.out().lines()).containsExactly("e2");

    CliRun contract = cli("upgrade", "heads", "--phase", "contract");
    assertThat(contract.exitCode()).isZero();
    assertThat(contract.out().lines()).containsExactly("c3");
  }

  @Test
  void badPhaseAndPhaseWithPlanAreBadUsage() {
    assertThat(cli("upgrade", "heads", "--phase", "middle").exitCode()).isEqualTo(2);
    assertThat(cli("upgrade", "heads", "--phase", "expand", "--plan").exitCode()).isEqualTo(2);
  }

  @Test
  void onlineDataMigrationsUsesNovaExitCodes() {
    CliRun invalid = cli("online-data-migrations", "--max-count", "0");
    assertThat(invalid.exitCode()).isEqualTo(127);
    CliRun none = cli("online-data-migrations");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).contains("| Migration | Total Needed | Completed |");
    assertThat(none.err()).contains("Running batches of 50 until complete");
  }

  @Test
  void adoptStampsTheMappedRevisionAndRefusesASecondTime() throws IOException {
    try (Database db = Database.builder().url(url).build()) {
      db.writer()
          .run(
              tx -> {
                tx.update("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
                tx.update("INSERT INTO alembic_version VALUES ('abc123')");
                tx.update("CREATE TABLE t (id INTEGER PRIMARY KEY, a VARCHAR(10))");
              });
    }
    Path mapping = Files.writeString(dir.resolve("mapping.properties"), "alembic.abc123=r1\n");

    CliRun adopt = cli("adopt", "--mapping", mapping.toString());
    assertThat(adopt.exitCode()).isZero();
    assertThat(adopt.out().lines()).containsExactly("r1");
    assertThat(cli("current").out().lines()).containsExactly("r1");

    CliRun again = cli("adopt", "--mapping", mapping.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already holds [r1]");

    Path bad = Files.writeString(dir.resolve("bad.properties"), "liquibase.1=r1\n");
    assertThat(cli("adopt", "--mapping", bad.toString()).exitCode()).isEqualTo(2);
  }
}
