package dev.plinth.db.it.migrate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.batch.BatchAlterTable;
import dev.plinth.db.migrate.batch.Recreate;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Collations through batch mode. Column {@code people.name} is unique and collated the opposite way
 * of the database's default: case-insensitive on SQLite (default BINARY) and PostgreSQL (default
 * deterministic), case-sensitive on MySQL/MariaDB (default {@code utf8mb4_*_ci}). So whether 'ADA'
 * may join 'Ada' shows which collation the column really has.
 */
class BatchAlterTableCollationTest {

  /**
   * The collations of one backend.
   *
   * @param name the collation of {@code people.name}, the opposite of the default
   * @param caseInsensitive whether {@code name} compares without regard to case
   * @param code the collation of {@code people.code}, another one that is not the default
   * @param codeClause how {@code code}'s collation is rendered
   * @param setup statements that create {@code name}'s collation where the backend has none built
   *     in
   */
  private record Collations(
      String name, boolean caseInsensitive, String code, String codeClause, List<String> setup) {}

  private static Collations collations(Backend backend) {
    return switch (backend) {
      case SQLITE -> new Collations("NOCASE", true, "RTRIM", "COLLATE RTRIM", List.of());
      case POSTGRESQL ->
          new Collations(
              "plinth_ci",
              true,
              "C",
              "COLLATE \"C\"",
              List.of(
                  "CREATE COLLATION plinth_ci (provider = icu, locale = 'und-u-ks-level2',"
                      + " deterministic = false)"));
      case MYSQL ->
          new Collations(
              "utf8mb4_bin", false, "utf8mb4_unicode_ci", "COLLATE utf8mb4_unicode_ci", List.of());
    };
  }

  private static Table people(Collations c) {
    return Table.builder("people")
        .column(Column.of("id", SqlType.integer()).notNull())
        .column(Column.of("name", SqlType.varchar(50)).collation(c.name()))
        .column(Column.of("code", SqlType.varchar(20)).notNull().collation(c.code()))
        .column(Column.of("qty", SqlType.integer()))
        .primaryKey("id")
        .unique(UniqueConstraint.of("uq_people_name", "name"))
        .build();
  }

  /** The setup statements, table people and its row (1, 'Ada', 'x'). */
  private static void createPeople(Database db, Collations c) {
    TestMigrations.run(
        db,
        ctx -> {
          c.setup().forEach(ctx.op()::execute);
          ctx.op().createTable(people(c));
          ctx.op().execute("INSERT INTO people (id, name, code) VALUES (1, 'Ada', 'x')");
        });
  }

  /** Whether 'ADA' may join 'Ada' under the unique key on people.name. */
  private static boolean secondAdaAccepted(Database db) {
    try {
      db.writer()
          .run(tx -> tx.update("INSERT INTO people (id, name, code) VALUES (2, 'ADA', 'y')"));
      return true;
    } catch (DuplicateEntryException e) {
      return false;
    }
  }

  /** Runs the batch {@code changes} on table people as one revision. */
  private static void alterPeople(
      Database db, Recreate recreate, UnaryOperator<BatchAlterTable> changes) {
    TestMigrations.run(db, ctx -> ctx.op().batchAlterTable("people", recreate, changes));
  }

  private static String collationOf(Database db, String column) {
    return db.schema().table("people").column(column).orElseThrow().collation();
  }

  @AllBackends
  void rebuildKeepsTheCollationOfEveryColumn(Database db, Backend backend) {
    Collations c = collations(backend);
    createPeople(db, c);
    Recreate rebuild = backend == Backend.SQLITE ? Recreate.AUTO : Recreate.ALWAYS;

    alterPeople(
        db,
        rebuild,
        batch ->
            batch
                .alterColumn("qty", q -> q.notNull().serverDefault("0"))
                .alterColumn("code", k -> k.type(SqlType.varchar(40))));

    Table expected =
        Table.builder("people")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("name", SqlType.varchar(50)).collation(c.name()))
            .column(Column.of("code", SqlType.varchar(40)).notNull().collation(c.code()))
            .column(Column.of("qty", SqlType.integer()).notNull().serverDefault("0"))
            .primaryKey("id")
            .unique(UniqueConstraint.of("uq_people_name", "name"))
            .build();
    assertThat(expected.diff(db.schema().table("people")).differences()).isEmpty();
    assertThat(collationOf(db, "name")).isEqualToIgnoringCase(c.name());
    assertThat(collationOf(db, "code")).isEqualToIgnoringCase(c.code());
    assertThat(secondAdaAccepted(db)).isEqualTo(!c.caseInsensitive());
  }

  @AllBackends
  void alteredColumnKeepsItsCollationUntilTheChangeSetsAnother(Database db, Backend backend) {
    Collations c = collations(backend);
    createPeople(db, c);

    alterPeople(
        db, Recreate.AUTO, batch -> batch.alterColumn("name", n -> n.type(SqlType.varchar(100))));
    assertThat(db.schema().table("people").column("name").orElseThrow().type())
        .isEqualTo(SqlType.varchar(100));
    assertThat(collationOf(db, "name")).isEqualToIgnoringCase(c.name());

    alterPeople(db, Recreate.AUTO, batch -> batch.alterColumn("name", n -> n.collation(null)));
    assertThat(collationOf(db, "name")).isNull();
    assertThat(collationOf(db, "code")).isEqualToIgnoringCase(c.code());
    assertThat(secondAdaAccepted(db)).isEqualTo(c.caseInsensitive());
  }

  @AllBackends
  void offlineRebuildScriptDeclaresTheCollations(Database db, Backend backend) {
    Collations c = collations(backend);
    createPeople(db, c);

    UnaryOperator<BatchAlterTable> addNote =
        batch -> batch.copyFrom(people(c)).addColumn(Column.of("note", SqlType.text()));
    List<String> script =
        TestMigrations.offline(
            db.dialect(), ctx -> ctx.op().batchAlterTable("people", Recreate.ALWAYS, addNote));
    assertThat(script.get(0)).contains("VARCHAR(20) " + c.codeClause() + " NOT NULL");
    TestMigrations.run(db, ctx -> script.forEach(ctx::execute));

    assertThat(collationOf(db, "name")).isEqualToIgnoringCase(c.name());
    assertThat(collationOf(db, "code")).isEqualToIgnoringCase(c.code());
    assertThat(collationOf(db, "note")).isNull();
    assertThat(secondAdaAccepted(db)).isEqualTo(!c.caseInsensitive());
  }
}
