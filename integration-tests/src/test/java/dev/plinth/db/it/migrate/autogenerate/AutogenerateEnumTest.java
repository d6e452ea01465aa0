package dev.plinth.db.it.migrate.autogenerate;

import static dev.plinth.db.it.migrate.autogenerate.ShopMigrators.migrator;
import static dev.plinth.db.it.migrate.autogenerate.ShopMigrators.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.Migration;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.Revision;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.autogenerate.Autogenerator;
import dev.plinth.db.migrate.autogenerate.GeneratedMigration;
import dev.plinth.db.migrate.autogenerate.MigrationClass;
import dev.plinth.db.migrate.source.JavaMigration;
import dev.plinth.db.testing.AllBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ENUM column ({@code tickets.status} of {@link ShopSchema#BASE}) on every backend: created from
 * the models it reads back as them; a change of its values is a difference of its own kind that
 * autogenerate writes as a comment and a warning, never as an operation; a hand-written {@code
 * alterColumn} makes the change and its downgrade undoes it.
 */
class AutogenerateEnumTest {
  private static final String WIDER_VALUES =
      "column tickets.status: enum values [open, closed, void] in models, [open, closed] in"
          + " database";

  private static final Schema WIDER =
      ShopSchema.edit(
          ShopSchema.BASE,
          "tickets",
          t -> t.alter("status", c -> c.type(SqlType.enumeration("open", "closed", "void"))));

  @TempDir Path work;

  @AllBackends
  void anEnumColumnReadsBackAsItsModel(Database db) {
    try (Migrator migrator = migrator(db, ShopSchema.BASE, List.of()).build()) {
      migrator.upgrade("heads");
      Table tickets = read(db).tables().get("tickets");

      assertThat(tickets.column("status").orElseThrow().type())
          .isEqualTo(SqlType.enumeration("open", "closed"));
      assertThat(tickets.checks()).isEmpty();
      assertThat(migrator.compareModels().orElseThrow().differences()).isEmpty();
      migrator.downgrade("base");
    }
  }

  @AllBackends
  void changedValuesAreADifferenceACommentAndAWarningNotAnOperation(Database db)
      throws IOException {
    GeneratedMigration body;
    try (Migrator migrator = migrator(db, WIDER, List.of()).build()) {
      migrator.upgrade("heads");
      assertThat(migrator.compareModels().orElseThrow().differences())
          .containsExactly(WIDER_VALUES);
      body = Autogenerator.generate(migrator);
    }
    String note =
        "enum values of column tickets.status are [open, closed, void] in the models and [open,"
            + " closed] in the database: not generated, since rows may hold a value the new list"
            + " lacks";
    assertThat(body.warnings()).singleElement().asString().startsWith(note);
    String source = source(body);
    assertThat(source).contains("    // - enum values of column tickets.status");
    assertThat(source.replaceAll("\\s*\n\\s*//\\s*", " ")).contains(" - " + note);
    Path file = Files.writeString(work.resolve("EnumNote.java"), source);
    Migration generated = GeneratedSource.compile(file, Files.createDirectories(work.resolve("c")));

    try (Migrator migrator = migrator(db, WIDER, List.of(JavaMigration.of(generated))).build()) {
      migrator.upgrade("heads");
      assertThat(migrator.compareModels().orElseThrow().differences())
          .as("the generated revision changed nothing:\n" + source)
          .containsExactly(WIDER_VALUES);
      migrator.downgrade("base");
    }
  }

  @AllBackends
  void aHandWrittenAlterColumnChangesTheValuesAndItsDowngradeRestoresThem(Database db) {
    Schema original;
    try (Migrator migrator =
        migrator(db, WIDER, List.of(JavaMigration.of(new AddVoidStatus()))).build()) {
      migrator.upgrade(BaseRevision.ID);
      original = read(db);
      migrator.upgrade("heads");
      assertThat(migrator.compareModels().orElseThrow().differences()).isEmpty();
      db.writer().run(tx -> tx.update("INSERT INTO tickets (code, status) VALUES ('t1', 'void')"));
      Optional<String> status =
          db.reader().call(tx -> tx.queryOne("SELECT status FROM tickets", rs -> rs.getString(1)));
      assertThat(status).contains("void");
      db.writer().run(tx -> tx.update("DELETE FROM tickets"));

      migrator.downgrade(BaseRevision.ID);
      assertThat(original.diff(read(db)).differences()).isEmpty();
      migrator.downgrade("base");
    }
  }

  /** What an author writes after autogenerate's note: the new list of values. */
  @Revision(id = "enum0002", down = BaseRevision.ID, message = "tickets can be void")
  public static final class AddVoidStatus implements Migration {
    @Override
    public void upgrade(MigrationContext ctx) {
      ctx.op()
          .batchAlterTable(
              "tickets",
              batch ->
                  batch.alterColumn(
                      "status", c -> c.type(SqlType.enumeration("open", "closed", "void"))));
    }

    @Override
    public void downgrade(MigrationContext ctx) {
      ctx.op()
          .batchAlterTable(
              "tickets",
              batch ->
                  batch.alterColumn("status", c -> c.type(SqlType.enumeration("open", "closed"))));
    }
  }

  private static String source(GeneratedMigration body) {
    return MigrationClass.source(
        new RevisionInfo(
            "gen0002",
            List.of(BaseRevision.ID),
            List.of(),
            List.of(),
            Optional.empty(),
            "enum note",
            "EnumNote",
            true),
        "EnumNote",
        body);
  }
}
