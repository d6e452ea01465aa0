package dev.plinth.bench.templates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a chain of simple, portable SQL revisions that grows a schema the way services do: every
 * fifth revision creates a small table with three rows, the others add a column, add an index or
 * insert a row into the newest table. {@code N} revisions make {@code N / 5} tables. Upgrades only:
 * the benchmark never downgrades.
 */
final class SchemaChainGenerator {
  /** How many revisions make one table. */
  static final int REVISIONS_PER_TABLE = 5;

  private SchemaChainGenerator() {}

  /**
   * Writes {@code n} revision files into {@code dir}.
   *
   * @throws IOException if a file cannot be written
   */
  static void write(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    for (int i = 1; i <= n; i++) {
      String table = String.format("t%04d", (i - 1) / REVISIONS_PER_TABLE + 1);
      StringBuilder sql = new StringBuilder();
      sql.append("-- revision: ").append(id(i)).append('\n');
      if (i > 1) {
        sql.append("-- down_revision: ").append(id(i - 1)).append('\n');
      }
      sql.append("\n-- +upgrade\n").append(upgrade(i, table));
      Files.writeString(
          dir.resolve(String.format("%05d.sql", i)), sql.toString(), StandardCharsets.UTF_8);
    }
  }

  private static String id(int i) {
    return String.format("s%05d", i);
  }

  private static String upgrade(int i, String table) {
    return switch (i % REVISIONS_PER_TABLE) {
      case 1 ->
          "CREATE TABLE "
              + table
              + " (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);\n"
              + "INSERT INTO "
              + table
              + " (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three');\n";
      case 2, 3 -> "ALTER TABLE " + table + " ADD COLUMN c" + i + " VARCHAR(20);\n";
      case 4 -> "CREATE INDEX ix" + i + " ON " + table + " (name);\n";
      default -> "INSERT INTO " + table + " (id, name) VALUES (4, 'four');\n";
    };
  }
}
