package dev.plinth.db.testing.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The temporary directories SQLite test databases live in, one database per directory. */
public final class SqliteFiles {
  private SqliteFiles() {}

  /**
   * A new empty directory for one database.
   *
   * @throws UncheckedIOException if it cannot be created
   */
  public static Path newDirectory() {
    try {
      return Files.createTempDirectory("plinth-sqlite-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for a SQLite test database", e);
    }
  }

  /**
   * Deletes a database's directory and its files (database, journal, WAL).
   *
   * @throws UncheckedIOException if a file cannot be deleted
   */
  public static void deleteDirectory(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete SQLite test database " + dir, e);
    }
  }
}
