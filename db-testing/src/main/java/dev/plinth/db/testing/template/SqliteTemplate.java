package dev.plinth.db.testing.template;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import dev.plinth.db.testing.TestDatabases;
import dev.plinth.db.testing.provision.DatabaseNames;
import dev.plinth.db.testing.provision.SqliteFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A SQLite template: a migrated file, copied (with its WAL, if one is left) for each test. */
final class SqliteTemplate implements Template {
  private static final String[] SUFFIXES = {".db", ".db-wal"};
  private final Path dir;
  private final String name;

  private SqliteTemplate(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** Creates the template file and migrates it through {@code migrate}, given its JDBC URL. */
  static SqliteTemplate build(Consumer<String> migrate) {
    Path dir = SqliteFiles.newDirectory();
    String name = DatabaseNames.random("plinth_tpl_");
    try {
      migrate.accept("jdbc:sqlite:" + dir.resolve(name + ".db"));
    } catch (RuntimeException | Error e) {
      SqliteFiles.deleteDirectory(dir);
      throw e;
    }
    return new SqliteTemplate(dir, name);
  }

  @Override
  public TestDatabase copy() {
    Path copyDir = SqliteFiles.newDirectory();
    String copy = DatabaseNames.random("plinth_");
    try {
      for (String suffix : SUFFIXES) {
        Path source = dir.resolve(name + suffix);
        if (Files.exists(source)) {
          Files.copy(source, copyDir.resolve(copy + suffix));
        }
      }
    } catch (IOException e) {
      SqliteFiles.deleteDirectory(copyDir);
      throw new UncheckedIOException("cannot copy SQLite template " + dir.resolve(name), e);
    }
    return TestDatabases.of(
        Backend.SQLITE,
        copy,
        "jdbc:sqlite:" + copyDir.resolve(copy + ".db"),
        null,
        () -> SqliteFiles.deleteDirectory(copyDir));
  }

  @Override
  public void close() {
    SqliteFiles.deleteDirectory(dir);
  }
}
