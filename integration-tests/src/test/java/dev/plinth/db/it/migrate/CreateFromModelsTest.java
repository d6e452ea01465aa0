package dev.plinth.db.it.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.ModelsCreationException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Migrator#createFromModels()} on every backend: foreign-key order with a cycle, the heads
 * stamped and recorded, refusals before anything runs, and failures that name the object at fault
 * and leave nothing behind.
 */
class CreateFromModelsTest {

  /** {@code owners} and {@code pets} reference each other; {@code visits} references both. */
  private static final Schema CYCLE =
      Schema.of(
          List.of(
              Table.builder("visits")
                  .column(Column.of("id", SqlType.integer()).notNull())
                  .column(Column.of("pet_id", SqlType.integer()).notNull())
                  .column(Column.of("owner_id", SqlType.integer()))
                  .primaryKey("id")
                  .index(Index.of("ix_visits_owner_id", "owner_id"))
                  .foreignKey(ForeignKey.of("fk_visits_pet_id", "pet_id", "pets", "id"))
                  .foreignKey(ForeignKey.of("fk_visits_owner_id", "owner_id", "owners", "id"))
                  .build(),
              Table.builder("owners")
                  .column(Column.of("id", SqlType.integer()).notNull())
                  .column(Column.of("name", SqlType.varchar(64)).notNull())
                  .column(Column.of("favourite_pet_id", SqlType.integer()))
                  .primaryKey("id")
                  .unique(UniqueConstraint.of("uniq_owners0name", "name"))
                  .foreignKey(
                      ForeignKey.of("fk_owners_favourite_pet_id", "favourite_pet_id", "pets", "id"))
                  .build(),
              Table.builder("pets")
                  .column(Column.of("id", SqlType.integer()).notNull())
                  .column(Column.of("owner_id", SqlType.integer()).notNull())
                  .column(Column.of("mother_id", SqlType.integer()))
                  .column(Column.of("age", SqlType.integer()).notNull().serverDefault("0"))
                  .primaryKey("id")
                  .check(CheckConstraint.of("ck_pets_age", "age >= 0"))
                  .foreignKey(ForeignKey.of("fk_pets_owner_id", "owner_id", "owners", "id"))
                  .foreignKey(ForeignKey.of("fk_pets_mother_id", "mother_id", "pets", "id"))
                  .build()));

  @AllBackends
  void everyTableComesWithItsKeysInForeignKeyOrderAndTheHeadsAreStamped(Database db) {
    try (Migrator migrator = migrator(db, CYCLE)) {
      assertThat(migrator.createFromModels().headsAfter()).containsExactly("r4");
      assertThat(migrator.current()).containsExactly("r4");
      assertThat(migrator.compareModels().orElseThrow().differences()).isEmpty();
      assertThat(migrator.planUpgrade("heads")).isEmpty();
    }
    List<String> history =
        db.reader()
            .call(
                tx ->
                    tx.query(
                        "SELECT revision, direction, outcome FROM plinth_history",
                        rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)));
    assertThat(history).containsExactly("r4 from_models success");
    db.writer()
        .run(
            tx -> {
              tx.update("INSERT INTO owners (id, name) VALUES (1, 'ann')");
              tx.update("INSERT INTO pets (id, owner_id) VALUES (10, 1)");
              tx.update("UPDATE owners SET favourite_pet_id = 10 WHERE id = 1");
            });
    assertThatThrownBy(
            () -> db.writer().run(tx -> tx.update("UPDATE owners SET favourite_pet_id = 99")))
        .as("the key that closes the cycle is enforced")
        .isInstanceOf(ReferenceException.class);
  }

  @AllBackends
  void aDatabaseWithATableOfTheModelsOrAVersionTableIsRefused(Database db) {
    db.writer().run(tx -> tx.update("CREATE TABLE pets (id INTEGER)"));
    try (Migrator migrator = migrator(db, CYCLE)) {
      assertThatThrownBy(migrator::createFromModels)
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("already has their table(s) pets");
    }
    db.writer().run(tx -> tx.update("DROP TABLE pets"));
    try (Migrator migrator = migrator(db, CYCLE)) {
      migrator.stamp("r1");
      assertThatThrownBy(migrator::createFromModels)
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("already has plinth_version and plinth_history")
          .hasMessageContaining("run upgrade instead");
    }
    assertThat(tables(db)).containsExactlyInAnyOrder("plinth_version", "plinth_history");
  }

  @AllBackends
  void aKeyToATableNoModelDeclaresIsRefusedBeforeAnythingRuns(Database db) {
    Schema dangling =
        Schema.of(
            List.of(
                Table.builder("pets")
                    .column(Column.of("id", SqlType.integer()).notNull())
                    .column(Column.of("owner_id", SqlType.integer()))
                    .foreignKey(ForeignKey.of("fk_pets_owner_id", "owner_id", "owners", "id"))
                    .build()));
    try (Migrator migrator = migrator(db, dangling)) {
      assertThatThrownBy(migrator::createFromModels)
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining(
              "foreign key fk_pets_owner_id of table pets references table owners, which no model"
                  + " declares");
    }
    assertThat(tables(db)).isEmpty();
  }

  /**
   * {@code zoo} comes last, after the three tables it depends on, so a failure has work to undo.
   */
  @AllBackends
  void aTableThatCannotBeCreatedIsNamedAndNothingStays(Database db) {
    Table broken =
        Table.builder("zoo")
            .column(Column.of("id", SqlType.integer()).notNull())
            .column(Column.of("visit_id", SqlType.integer()))
            .primaryKey("id")
            .foreignKey(ForeignKey.of("fk_zoo_visit_id", "visit_id", "visits", "id"))
            .check(CheckConstraint.of("ck_zoo_broken", "id >"))
            .build();
    List<Table> tables = new ArrayList<>(CYCLE.tables().values());
    tables.add(broken);
    try (Migrator migrator = migrator(db, Schema.of(tables))) {
      assertThatThrownBy(migrator::createFromModels)
          .isInstanceOfSatisfying(
              ModelsCreationException.class,
              e -> {
                assertThat(e.table()).isEqualTo("zoo");
                assertThat(e.object()).isEqualTo("table zoo");
                assertThat(e.leftBehind()).isEmpty();
              })
          .hasMessageStartingWith("cannot create table zoo (CREATE TABLE")
          .hasMessageContaining("Created alone, check ck_zoo_broken of it fails the same way.")
          .hasMessageMatching(
              "(?s).*(Nothing was created: the transaction rolled back"
                  + "|commits DDL implicitly, so what had been created was dropped again:"
                  + " table visits, table pets, table owners).*");
    }
    assertThat(tables(db)).isEmpty();
  }

  /**
   * PostgreSQL and MariaDB refuse a foreign key to a column without a unique key or index, when the
   * key that closes the cycle is added; SQLite, which declares it inline, would only refuse rows.
   */
  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void aKeyClosingTheCycleThatFailsIsNamedAndNothingStays(Database db) {
    Schema models =
        Schema.of(
            List.of(
                Table.builder("owners")
                    .column(Column.of("id", SqlType.integer()).notNull())
                    .column(Column.of("pet_name", SqlType.varchar(32)))
                    .primaryKey("id")
                    .foreignKey(ForeignKey.of("fk_owners_pet_name", "pet_name", "pets", "name"))
                    .build(),
                Table.builder("pets")
                    .column(Column.of("id", SqlType.integer()).notNull())
                    .column(Column.of("name", SqlType.varchar(32)))
                    .column(Column.of("owner_id", SqlType.integer()))
                    .primaryKey("id")
                    .foreignKey(ForeignKey.of("fk_pets_owner_id", "owner_id", "owners", "id"))
                    .build()));
    try (Migrator migrator = migrator(db, models)) {
      assertThatThrownBy(migrator::createFromModels)
          .isInstanceOfSatisfying(
              ModelsCreationException.class,
              e ->
                  assertThat(e.object())
                      .isEqualTo("foreign key fk_owners_pet_name of table owners"))
          .hasMessageStartingWith(
              "cannot create foreign key fk_owners_pet_name of table owners (ALTER TABLE")
          .hasMessageMatching(
              "(?s).*(Nothing was created: the transaction rolled back"
                  + "|commits DDL implicitly, so what had been created was dropped again:"
                  + " table pets, table owners\\.).*");
    }
    assertThat(tables(db)).isEmpty();
  }

  private static List<String> tables(Database db) {
    return db.reader().call(tx -> db.schema().tableNames(tx));
  }

  private static Migrator migrator(Database db, Schema models) {
    return Migrator.builder().database(db).scripts(SampleRevisions.dag()).models(models).build();
  }
}
