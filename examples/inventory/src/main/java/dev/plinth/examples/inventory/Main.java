package dev.plinth.examples.inventory;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.UrlSanitizer;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.paging.Page;
import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo: migrates a database to the heads, stocks items with tags, reads them back a page at a
 * time, soft-deletes one and adds its name again, then archives and purges the removed rows,
 * printing a line per step. By default it uses the SQLite file {@code inventory-demo.db} in the
 * system's temporary directory; {@code --url} names another database. It can run any number of
 * times on the same database: items left by an earlier run are cleared first.
 */
public final class Main {
  private static final String USAGE = "usage: java -jar inventory-demo.jar [--url JDBC_URL]";

  private Main() {}

  /** Runs the demo and exits with 0 on success, 1 on a database failure, 2 on bad usage. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the demo, printing what it does to {@code out} and failures to {@code err}.
   *
   * @return the exit code: 0 success, 1 a database or migration failure, 2 bad usage
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String url;
    if (args.length == 0) {
      url = "jdbc:sqlite:" + Path.of(System.getProperty("java.io.tmpdir"), "inventory-demo.db");
    } else if (args.length == 2 && args[0].equals("--url")) {
      url = args[1];
    } else if (args.length == 1 && args[0].equals("--help")) {
      out.println(USAGE);
      return 0;
    } else {
      err.println("inventory-demo: bad usage; " + USAGE);
      return 2;
    }
    // One short connection attempt: a demo pointed at a server that is down should say so at once.
    DatabaseConfig config =
        DatabaseConfig.builder()
            .connection(url)
            .maxRetries(1)
            .poolTimeout(Duration.ofSeconds(3))
            .build();
    try (Database db = Database.builder().config(config).build()) {
      out.printf(
          "Plinth inventory demo on %s (%s)%n", UrlSanitizer.sanitize(url), db.dialect().name());
      new Demo(db, out).run();
      return 0;
    } catch (DbException e) {
      err.println("inventory-demo: " + e.getMessage());
      return 1;
    }
  }

  /** The demo's steps on one database. */
  private static final class Demo {
    private final Database db;
    private final PrintStream out;
    private final Inventory inventory;
    private final ArchiveJob archiveJob;

    Demo(Database db, PrintStream out) {
      this.db = db;
      this.out = out;
      this.inventory = new Inventory(db);
      this.archiveJob = new ArchiveJob(db, Duration.ZERO, 500, Clock.systemUTC());
    }

    void run() {
      migrate();
      clearEarlierRun();
      inventory.add("bolt", 120, List.of("hardware", "m6"));
      inventory.add("nut", 300, List.of("hardware", "m6"));
      inventory.add("washer", 500, List.of("hardware"));
      step("stocked", describe(inventory.page(null, 10).rows()));
      try {
        inventory.add("nut", 1, List.of());
        step("accepted", "a second live nut: the unique constraint did not hold");
      } catch (DuplicateEntryException e) {
        step("refused", "a second live nut: duplicate entry on " + e.columns());
      }
      inventory.remove("nut");
      step("removed", "nut, soft-deleted: its row stays, with deleted = id");
      inventory.add("nut", 80, List.of("m6", "hardware"));
      step(
          "re-added",
          describe(inventory.find("nut").stream().toList())
              + ": a name is unique among live items only");
      step("tagged m6", String.join(", ", inventory.namesTagged("m6")));
      listByPages();
      ArchiveJob.Run run = archiveJob.run();
      step(
          "archived",
          run.archived().totalArchived()
              + " soft-deleted item(s) and "
              + run.archived().totalResidue()
              + " tag link(s) moved to shadow tables; "
              + run.purged().total()
              + " archived row(s) purged");
    }

    private void migrate() {
      try (Migrator migrator = InventoryMigrations.migrator(db).build()) {
        MigrationResult result = migrator.upgrade("heads");
        SchemaDiff diff = migrator.compareModels().orElseThrow();
        String heads = String.join(", ", migrator.current());
        step(
            "migrated",
            (result.applied().isEmpty()
                    ? "already at head " + heads
                    : result.applied().size() + " revision(s) applied, now at head " + heads)
                + (diff.isEmpty() ? "; the schema matches the models" : "; differs: " + diff));
      }
    }

    private void clearEarlierRun() {
      int left = inventory.removeAll();
      if (left > 0) {
        archiveJob.run();
        step("cleared", left + " item(s) left by an earlier run (soft-deleted, archived, purged)");
      }
    }

    private void listByPages() {
      List<String> pages = new ArrayList<>();
      Map<String, Object> marker = null;
      do {
        Page<Item> page = inventory.page(marker, 2);
        pages.add(page.rows().stream().map(Item::name).collect(Collectors.joining(", ")));
        marker = page.next().orElse(null);
      } while (marker != null);
      step("listed", "2 per page, by name: " + String.join(" | ", pages));
    }

    private void step(String what, String detail) {
      out.printf("  %-10s %s%n", what, detail);
    }

    private static String describe(List<Item> items) {
      return items.stream()
          .map(i -> i.name() + " x" + i.qty() + " " + i.tags())
          .collect(Collectors.joining(", "));
    }
  }
}
