package dev.plinth.db.it.migrate.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.migrate.AdoptionMapping;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Plinth takes over databases that the real Alembic, Flyway and sqlalchemy-migrate created: it maps
 * their version to a Plinth revision, stamps it as an adoption, and upgrades from there.
 */
class AdoptionTest {

  private static Migrator migrator(Database db, AdoptionMapping mapping) {
    return Migrator.builder()
        .database(db)
        .locations("classpath:adopt/plinth")
        .adoption(mapping)
        .build();
  }

  private static AdoptionMapping mapping() {
    return AdoptionMapping.load(RealTools.resource("mapping.properties"));
  }

  @AllBackends
  void adoptsADatabaseAlembicCreatedThenUpgradesFromTheMappedRevision(TestDatabase tdb) {
    RealTools.alembic(tdb);
    Database db = tdb.open();
    db.writer().run(tx -> tx.update("INSERT INTO items (id, name, qty) VALUES (1, 'kept', 3)"));
    Migrator migrator = migrator(db, mapping());

    MigrationResult adopted = migrator.adopt();

    assertThat(adopted.headsAfter()).containsExactly("b2");
    assertThat(historyRows(db, "adopt")).containsExactly("b2");
    assertThatThrownBy(migrator::adopt)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("already holds [b2]");

    assertThat(migrator.upgrade("heads").revisionIds()).containsExactly("b3");
    assertThat(migrator.current()).containsExactly("b3");
    assertThat(strings(db, "SELECT name FROM items WHERE qty = 3")).containsExactly("kept");
    assertThat(strings(db, "SELECT version_num FROM alembic_version"))
        .containsExactly("a2f0c0de0002");
  }

  @AllBackends
  void upgradeAdoptsADatabaseFlywayCreatedWithinTheSameCall(TestDatabase tdb) {
    RealTools.flyway(tdb);
    Database db = tdb.open();

    MigrationResult upgraded = migrator(db, mapping()).upgrade("heads");

    assertThat(upgraded.headsBefore()).containsExactly("b2");
    assertThat(upgraded.revisionIds()).containsExactly("b3");
    assertThat(historyRows(db, "adopt")).containsExactly("b2");
    assertThat(columns(db, "labels")).containsExactly("id", "item_id", "label");
  }

  @AllBackends
  void upgradeRunsPendingSqlalchemyMigrateScriptsThenTheDag(TestDatabase tdb) {
    RealTools.sqlalchemyMigrate(tdb);
    Database db = tdb.open();
    assertThat(strings(db, "SELECT version FROM migrate_version")).containsExactly("1");
    assertThat(columns(db, "items")).containsExactly("id", "name");

    MigrationResult upgraded = migrator(db, mapping()).upgrade("heads");

    assertThat(strings(db, "SELECT version FROM migrate_version")).containsExactly("2");
    assertThat(strings(db, "SELECT name FROM items WHERE qty = 7"))
        .containsExactly("from legacy 002");
    assertThat(upgraded.headsBefore()).containsExactly("b2");
    assertThat(upgraded.revisionIds()).containsExactly("b3");
    assertThat(historyRows(db, "adopt")).containsExactly("b2");
  }

  @AllBackends
  void aForeignVersionWithoutMappingIsRefusedNamingTheKeyToAdd(Database db) {
    db.writer()
        .run(
            tx -> {
              tx.update("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
              tx.update("INSERT INTO alembic_version (version_num) VALUES ('ffff00001111')");
            });
    Migrator migrator = migrator(db, mapping());

    assertThatThrownBy(migrator::adopt)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("alembic_version is at version ffff00001111")
        .hasMessageContaining("'alembic.ffff00001111=<plinth revision>'");
    assertThat(migrator.current()).isEmpty();
  }

  @Test
  void mappingFileRejectsAnUnknownKey() {
    Properties p = new Properties();
    p.setProperty("liquibase.1", "b1");
    assertThatThrownBy(() -> AdoptionMapping.parse(p, "bad.properties"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.properties: unknown key 'liquibase.1'");
  }

  private static List<String> historyRows(Database db, String direction) {
    return strings(db, "SELECT revision FROM plinth_history WHERE direction = '" + direction + "'");
  }

  private static List<String> columns(Database db, String table) {
    return db.reader()
        .call(tx -> db.schema().read(tx, table).columns().stream().map(Column::name).toList());
  }

  private static List<String> strings(Database db, String sql) {
    return db.reader().call(tx -> tx.query(sql, rs -> rs.getString(1)));
  }
}
