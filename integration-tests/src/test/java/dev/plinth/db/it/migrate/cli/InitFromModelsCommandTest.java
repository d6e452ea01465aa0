package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.it.migrate.ItemsModels;
import dev.plinth.db.it.migrate.ServiceFiles;
import dev.plinth.db.migrate.ModelsProvider;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init --from-models} on every backend, in a JVM with the service's models on its class
 * path: the database is built from the models and stamped at the heads, so {@code check} passes at
 * once; a second run is refused.
 */
class InitFromModelsCommandTest {
  @TempDir Path dir;
  @TempDir Path work;

  @AllBackends
  void theModelsAreBuiltAndStampedAndASecondRunIsRefused(TestDatabase tdb, Database db)
      throws IOException, InterruptedException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("1.sql", "aa01", "", ItemsModels.MATCHING_DDL, "DROP TABLE items;");
    cli.revision("2.sql", "bb02", "aa01", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
    Path models =
        ServiceFiles.list(work.resolve("service"), ModelsProvider.class, ItemsModels.class);

    CliProject.Result init = cli.runInJvm(models, work, "init", "--from-models");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out().strip()).isEqualTo("bb02 (head)");
    assertThat(init.err()).contains("built the database from the models and stamped [bb02]");
    assertThat(CliProject.versionRows(db)).containsExactly("bb02");
    assertThat(CliProject.tableExists(db, "t2")).as("no revision ran").isFalse();
    assertThat(cli.runInJvm(models, work, "check").exitCode()).isZero();

    CliProject.Result again = cli.runInJvm(models, work, "init", "--from-models");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already has plinth_version and plinth_history");
  }
}
