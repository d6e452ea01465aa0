package dev.plinth.db.it.core.classpath;

import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.Migrator;

/**
 * The service of {@link NoMicrometerClassPathTest}, run in a JVM without Micrometer: {@code
 * NoMicrometerMain URL MIGRATIONS_DIR} migrates the database to heads, soft-deletes a row, archives
 * it, reads the shadow table back and prints {@code archived: <rows>}.
 */
public final class NoMicrometerMain {
  private NoMicrometerMain() {}

  public static void main(String[] args) {
    try (Database db = Database.builder().url(args[0]).build()) {
      Migrator.builder().database(db).locations("filesystem:" + args[1]).build().upgrade("heads");
      db.writer().run(tx -> tx.update("INSERT INTO notes (id, deleted) VALUES (1, 1)"));
      ShadowTables.of(db).create();
      ArchiveResult result = Archiver.builder().database(db).build().run();
      long shadowRows = db.reader().call(tx -> tx.count("SELECT id FROM shadow_notes"));
      System.out.println("archived: " + result.totalArchived() + " of " + shadowRows);
    }
  }
}
