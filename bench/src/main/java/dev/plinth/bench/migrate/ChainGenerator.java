package dev.plinth.bench.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the migration chain of the upgrade benchmark: {@code N} revisions in one line, each
 * creating a table and inserting three rows, as Plinth SQL files ({@code DIR/plinth}) and as Flyway
 * versioned migrations ({@code DIR/flyway}, {@code V1__...}). {@code bench/alembic/make_scripts.py}
 * turns the Plinth files into Alembic's script directory, so all three run the same statements.
 */
public final class ChainGenerator {
  private ChainGenerator() {}

  /**
   * Writes the chain.
   *
   * @param args the output directory and the number of revisions
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ChainGenerator DIR N");
      System.exit(64);
    }
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Path plinth = Files.createDirectories(dir.resolve("plinth"));
    Path flyway = Files.createDirectories(dir.resolve("flyway"));
    for (int i = 1; i <= n; i++) {
      String table = table(i);
      String statements = String.join("\n", statements(table)) + "\n";
      StringBuilder sql = new StringBuilder();
      sql.append("-- revision: ").append(id(i)).append('\n');
      if (i > 1) {
        sql.append("-- down_revision: ").append(id(i - 1)).append('\n');
      }
      sql.append("-- message: create ").append(table).append("\n\n");
      sql.append("-- +upgrade\n").append(statements);
      sql.append("-- +downgrade\nDROP TABLE ").append(table).append(";\n");
      write(plinth.resolve(String.format("%05d_create_%s.sql", i, table)), sql.toString());
      write(flyway.resolve("V" + i + "__create_" + table + ".sql"), statements);
    }
  }

  /** The id of the {@code i}th revision (1-based). */
  static String id(int i) {
    return String.format("r%05d", i);
  }

  private static String table(int i) {
    return String.format("t%05d", i);
  }

  /** The upgrade statements of one revision: a table and three rows. */
  static List<String> statements(String table) {
    return List.of(
        "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);",
        "INSERT INTO " + table + " (id, name) VALUES (1, 'one');",
        "INSERT INTO " + table + " (id, name) VALUES (2, 'two');",
        "INSERT INTO " + table + " (id, name) VALUES (3, 'three');");
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
