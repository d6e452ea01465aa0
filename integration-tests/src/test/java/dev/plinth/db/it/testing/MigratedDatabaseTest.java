package dev.plinth.db.it.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.Migrated;
import dev.plinth.db.testing.MigratedDatabases;
import dev.plinth.db.testing.MigrationSet;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

@Migrated("classpath:templates/shop")
class MigratedDatabaseTest {
  private static final MigrationSet SHOP = MigrationSet.locations("classpath:templates/shop");

  @AllBackends
  void copyIsAtHeadsWithTheSchemaTheRowsAndTheVersionRow(Database db) {
    assertThat(versionRows(db)).containsExactly("shop3");
    List<String> viewed =
        db.reader()
            .call(
                tx -> tx.query("SELECT name FROM item_names ORDER BY name", rs -> rs.getString(1)));
    assertThat(viewed).containsExactly("bolt", "nut");
    db.writer().run(tx -> tx.update("INSERT INTO tags (id, item_id, label) VALUES (1, 2, 'm8')"));
    long tagged = db.reader().call(tx -> tx.count("SELECT * FROM tags WHERE label = 'm8'"));
    assertThat(tagged).isEqualTo(1);
  }

  @AllBackends
  void copyKeepsTheForeignKeys(Database db) {
    assertThatThrownBy(
            () ->
                db.writer()
                    .run(
                        tx ->
                            tx.update("INSERT INTO tags (id, item_id, label) VALUES (1, 99, 'x')")))
        .isInstanceOf(ReferenceException.class);
  }

  @AllBackends
  void aWriteInOneCopyIsNotSeenInAnother(Backend backend) {
    try (MigratedDatabases databases = MigratedDatabases.create();
        TestDatabase first = databases.copy(backend, SHOP);
        TestDatabase second = databases.copy(backend, SHOP)) {
      Database one = first.open();
      Database two = second.open();
      one.writer().run(tx -> tx.update("INSERT INTO items (id, name) VALUES (3, 'washer')"));
      two.writer().run(tx -> tx.update("DELETE FROM items WHERE id = 1"));

      assertThat(names(one)).containsExactly("bolt", "nut", "washer");
      assertThat(names(two)).containsExactly("nut");
      assertThat(first.name()).isNotEqualTo(second.name());
    }
  }

  @AllBackends
  void everyCopyLooksNewWhateverTheTestsBeforeItDid(Backend backend) {
    try (MigratedDatabases databases = MigratedDatabases.create()) {
      for (int i = 0; i < 6; i++) {
        boolean changeSchema = i % 3 == 2;
        try (TestDatabase copy = databases.copy(backend, SHOP)) {
          Database db = copy.open();
          assertThat(names(db)).containsExactly("bolt", "nut");
          long note = db.writer().call(tx -> tx.insert("INSERT INTO notes (body) VALUES ('n')"));
          assertThat(note).isEqualTo(2);
          db.writer().run(tx -> tx.update("INSERT INTO items (id, name) VALUES (3, 'washer')"));
          db.writer().run(tx -> tx.update("DELETE FROM items WHERE id = 1"));
          if (changeSchema) {
            db.writer().run(tx -> tx.update("CREATE TABLE scratch (id INTEGER)"));
          }
        }
      }
    }
  }

  @AllBackends
  void anEditedMigrationBuildsANewTemplate(Backend backend, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("001_items.sql");
    String location = "filesystem:" + dir;
    try (MigratedDatabases databases = MigratedDatabases.create()) {
      Files.writeString(file, items("name VARCHAR(40) NOT NULL"));
      MigrationSet original = MigrationSet.locations(location);
      assertThat(columnsOfACopy(databases, backend, original)).containsExactly("id", "name");

      Files.writeString(file, items("name VARCHAR(40) NOT NULL, qty INTEGER"));
      MigrationSet edited = MigrationSet.locations(location);
      assertThat(edited.checksum()).isNotEqualTo(original.checksum());
      assertThat(columnsOfACopy(databases, backend, edited)).containsExactly("id", "name", "qty");

      Files.writeString(file, items("name VARCHAR(40) NOT NULL"));
      MigrationSet reverted = MigrationSet.locations(location);
      assertThat(reverted.checksum()).isEqualTo(original.checksum());
      assertThat(columnsOfACopy(databases, backend, reverted)).containsExactly("id", "name");
    }
  }

  private static List<String> columnsOfACopy(
      MigratedDatabases databases, Backend backend, MigrationSet set) {
    try (TestDatabase copy = databases.copy(backend, set)) {
      return columns(copy.open());
    }
  }

  @AllBackends
  void aParameterAnnotationWinsOverTheClass(
      @Migrated("classpath:templates/items-only") Database db) {
    assertThat(versionRows(db)).containsExactly("only1");
    assertThat(names(db)).containsExactly("rivet");
  }

  private static String items(String columns) {
    return "-- revision: e1\n-- +upgrade\nCREATE TABLE items (id INTEGER PRIMARY KEY, "
        + columns
        + ");\n-- +downgrade\nDROP TABLE items;\n";
  }

  private static List<String> columns(Database db) {
    return db.reader().call(tx -> db.schema().read(tx, "items")).columns().stream()
        .map(c -> c.name())
        .toList();
  }

  private static List<String> names(Database db) {
    return db.reader()
        .call(tx -> tx.query("SELECT name FROM items ORDER BY name", rs -> rs.getString(1)));
  }

  private static List<String> versionRows(Database db) {
    return db.reader()
        .call(tx -> tx.query("SELECT version_num FROM plinth_version", rs -> rs.getString(1)));
  }
}
