package dev.plinth.db.it.core.classpath;

import dev.plinth.db.core.Database;
import java.util.List;

/**
 * The service of {@link OneDriverClassPathTest}, run in a JVM of its own. {@code DriverMain use
 * URL} builds a {@code Database} on the URL, writes a row, reads it back and prints {@code read:
 * <value>}; {@code DriverMain open URL...} tries to build one on each URL and prints {@code failed:
 * <message>} for each that fails.
 */
public final class DriverMain {
  private DriverMain() {}

  public static void main(String[] args) {
    List<String> urls = List.of(args).subList(1, args.length);
    if (args[0].equals("use")) {
      use(urls.get(0));
    } else {
      urls.forEach(DriverMain::open);
    }
  }

  private static void use(String url) {
    try (Database db = Database.builder().url(url).build()) {
      db.writer().run(tx -> tx.update("CREATE TABLE notes (body VARCHAR(64) NOT NULL)"));
      db.writer().run(tx -> tx.update("INSERT INTO notes (body) VALUES (?)", "one driver"));
      String body =
          db.reader()
              .call(tx -> tx.queryOne("SELECT body FROM notes", rs -> rs.getString(1)))
              .orElseThrow();
      System.out.println("read: " + body);
    }
  }

  private static void open(String url) {
    try (Database db = Database.builder().url(url).build()) {
      System.out.println("opened: " + db.dialect().name());
    } catch (RuntimeException e) {
      System.out.println("failed: " + e.getMessage());
    }
  }
}
