package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.it.migrate.ServiceFiles;
import dev.plinth.db.it.migrate.autogenerate.BaseRevision;
import dev.plinth.db.it.migrate.autogenerate.GeneratedSource;
import dev.plinth.db.it.migrate.autogenerate.RekeyedShopModels;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.ModelsProvider;
import dev.plinth.db.migrate.source.JavaMigration;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revision --autogenerate} run as a service runs it (a JVM of its own with the service's
 * migrations and models listed in {@code META-INF/services}): it writes the next revision after the
 * head, warns about what it left to the author, and refuses a database behind the heads.
 */
class AutogenerateCommandTest {
  @TempDir Path dir;
  @TempDir Path work;
  @TempDir Path service;
  @TempDir Path classes;

  @AllBackends
  void writesTheNextRevisionAndWarnsAboutWhatItLeftOut(TestDatabase tdb, Database db)
      throws IOException, InterruptedException {
    CliProject cli = new CliProject(dir, tdb);
    assertThat(cli.runInJvm(service(), work, "upgrade", "heads").exitCode()).isZero();

    CliProject.Result result =
        cli.runInJvm(service, work, "revision", "--autogenerate", "-m", "catch up with the models");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Path file = Path.of(result.out().strip());
    assertThat(file).isEqualTo(dir.resolve("CatchUpWithTheModels.java"));
    String source = Files.readString(file);
    assertThat(source).contains("down = {\"" + BaseRevision.ID + "\"}");
    assertThat(result.err())
        .contains(
            "warning: primary key of owners is [id, name] in the models and [id] in the database:"
                + " not generated, since foreign key [owner_id] -> owners[id] of items references"
                + " the table");
    assertThat(source).contains("// - primary key of owners is [id, name] in the models");
    Migration generated = GeneratedSource.compile(file, classes);
    try (Migrator migrator =
        Migrator.builder()
            .database(db)
            .scripts(List.of(JavaMigration.of(new BaseRevision()), JavaMigration.of(generated)))
            .models(new RekeyedShopModels())
            .build()) {
      migrator.upgrade("heads");
      assertThat(migrator.compareModels().orElseThrow().differences())
          .as("everything but the primary key was generated:\n" + source)
          .containsExactly("primary key of owners [id, name] in models, [id] in database");
    }
  }

  @AllBackends(Backend.SQLITE)
  void withSeveralHeadsTheRevisionMergesThemOnSqlite(TestDatabase tdb)
      throws IOException, InterruptedException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision(
        "b1.sql", "b1", BaseRevision.ID, "CREATE TABLE b1 (id INTEGER);", "DROP TABLE b1;");
    cli.revision(
        "b2.sql", "b2", BaseRevision.ID, "CREATE TABLE b2 (id INTEGER);", "DROP TABLE b2;");
    CliProject.Result upgrade = cli.runInJvm(service(), work, "upgrade", "heads");
    assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();

    CliProject.Result result =
        cli.runInJvm(service, work, "revision", "--autogenerate", "-m", "join and catch up");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(Path.of(result.out().strip())))
        .contains("down = {\"b1\", \"b2\"}")
        .contains("ctx.op().dropTable(\"b1\");")
        .contains("ctx.op().dropTable(\"b2\");");
    assertThat(result.err()).contains("follows [b1, b2]");
  }

  @AllBackends
  void refusesADatabaseBehindTheHeads(TestDatabase tdb) throws IOException, InterruptedException {
    CliProject cli = new CliProject(dir, tdb);

    CliProject.Result result =
        cli.runInJvm(service(), work, "revision", "--autogenerate", "-m", "x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("the database is at [] but the heads are [" + BaseRevision.ID + "]")
        .contains("run `plinth-migrate upgrade heads` before autogenerating");
    try (var files = Files.list(dir)) {
      assertThat(files).as("no file written").isEmpty();
    }
  }

  private Path service() throws IOException {
    ServiceFiles.list(service, Migration.class, BaseRevision.class);
    return ServiceFiles.list(service, ModelsProvider.class, RekeyedShopModels.class);
  }
}
