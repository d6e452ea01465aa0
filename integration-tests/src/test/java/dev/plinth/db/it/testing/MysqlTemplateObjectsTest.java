package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.MigratedDatabases;
import dev.plinth.db.testing.MigrationSet;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * MySQL has no template databases, so a copy is rebuilt from the template's statements: triggers
 * must come along, and a schema with stored routines, which the copy does not reproduce, must still
 * give complete copies (by migrating each one).
 */
class MysqlTemplateObjectsTest {
  private static final String TABLE_AND_TRIGGER =
      "-- revision: trg1\n-- +upgrade\n"
          + "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);\n"
          + "CREATE TRIGGER upper_name BEFORE INSERT ON items"
          + " FOR EACH ROW SET NEW.name = UPPER(NEW.name);\n";

  @AllBackends(Backend.MYSQL)
  void everyCopyHasTheTemplatesTriggerOnMysql(Backend backend, @TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("001.sql"), TABLE_AND_TRIGGER);
    MigrationSet set = MigrationSet.locations("filesystem:" + dir);
    try (MigratedDatabases databases = MigratedDatabases.create()) {
      for (int i = 0; i < 3; i++) {
        try (TestDatabase copy = databases.copy(backend, set)) {
          assertThat(insertAndRead(copy.open())).containsExactly("BOLT");
        }
      }
    }
  }

  @AllBackends(Backend.MYSQL)
  void aSchemaWithAStoredProcedureIsCopiedWholeOnMysql(Backend backend, @TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("001.sql"),
        TABLE_AND_TRIGGER + "CREATE PROCEDURE item_count() SELECT COUNT(*) FROM items;\n");
    MigrationSet set = MigrationSet.locations("filesystem:" + dir);
    try (MigratedDatabases databases = MigratedDatabases.create()) {
      for (int i = 0; i < 2; i++) {
        try (TestDatabase copy = databases.copy(backend, set)) {
          Database db = copy.open();
          assertThat(insertAndRead(db)).containsExactly("BOLT");
          long counted = db.reader().call(tx -> tx.count("SELECT * FROM items"));
          List<Long> viaProcedure =
              db.reader().call(tx -> tx.query("CALL item_count()", rs -> rs.getLong(1)));
          assertThat(viaProcedure).containsExactly(counted);
        }
      }
    }
  }

  private static List<String> insertAndRead(Database db) {
    db.writer().run(tx -> tx.update("INSERT INTO items (id, name) VALUES (1, 'bolt')"));
    return db.reader().call(tx -> tx.query("SELECT name FROM items", rs -> rs.getString(1)));
  }
}
