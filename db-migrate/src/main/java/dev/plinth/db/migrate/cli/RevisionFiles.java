package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.autogenerate.GeneratedMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes new revision files into the migrations directory. */
final class RevisionFiles {

  private RevisionFiles() {}

  /**
   * Writes {@code revision} as {@code <id>_<slug>.sql} in {@code dir}.
   *
   * @return the file written
   * @throws UsageException if the directory does not exist
   */
  static Path writeSql(Path dir, NewRevision revision) {
    String slug = revision.slug();
    String name = revision.id() + (slug.isEmpty() ? "" : "_" + slug) + ".sql";
    return write(dir, name, revision.sqlFile());
  }

  /**
   * Writes {@code revision} as a Java migration class in {@code dir}, with the bodies of {@code
   * body} (empty ones for a revision to fill in by hand).
   *
   * @return the file written
   * @throws UsageException if the directory does not exist
   */
  static Path writeJava(Path dir, NewRevision revision, GeneratedMigration body) {
    String className = revision.className();
    return write(dir, className + ".java", revision.javaFile(className, body));
  }

  /** The README that {@code init} puts in a new migrations directory. */
  static String readme() {
    return """
        # Migrations

        Revisions for plinth-migrate. Every `*.sql` file here is one revision; its identity
        comes from its header, not its file name:

        ```sql
        -- revision: 3f2a9c1b7d4e
        -- down_revision: 1a2b3c4d5e6f
        -- message: add items

        -- +upgrade
        CREATE TABLE items (id INTEGER PRIMARY KEY);
        -- +downgrade
        DROP TABLE items;
        ```

        Create one with `plinth-migrate revision -m "add items"`, apply them with
        `plinth-migrate upgrade heads`.
        """;
  }

  private static Path write(Path dir, String name, String content) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException(
          "migrations directory " + dir + " does not exist: run `plinth-migrate init` first");
    }
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, content, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
