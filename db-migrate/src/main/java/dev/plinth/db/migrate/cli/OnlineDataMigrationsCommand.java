package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.OnlineMigrationReport;
import dev.plinth.db.migrate.OnlineMigrationReport.Count;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code online-data-migrations [--max-count N]}: runs the registered online data migrations as
 * {@code nova-manage db online_data_migrations} does, with its table and exit codes.
 */
@Command(
    name = "online-data-migrations",
    mixinStandardHelpOptions = true,
    description = {
      "Run the online data migrations listed in META-INF/services on the class path, in batches,"
          + " and print per migration the rows found (Total Needed) and migrated (Completed).",
      "Without --max-count: batches of 50 until nothing is left. Exit codes, as nova-manage:"
          + " 0 nothing left, 1 --max-count given and rows migrated (run again), 2 a migration"
          + " failed and nothing else progressed, 127 --max-count below 1."
    })
final class OnlineDataMigrationsCommand extends MigrateCommand {
  /** nova-manage's exit code for an invalid {@code --max-count}. */
  static final int INVALID_MAX_COUNT = 127;

  @Option(
      names = "--max-count",
      paramLabel = "N",
      description = "Migrate at most N rows in one batch, then stop.")
  Integer maxCount;

  @Override
  protected int run() {
    if (maxCount != null && maxCount < 1) {
      err().println("error: --max-count must be a positive number, got " + maxCount);
      return INVALID_MAX_COUNT;
    }
    if (maxCount == null) {
      err().println("Running batches of 50 until complete");
    }
    OnlineMigrationReport report;
    try (Migrator migrator = project().migrator()) {
      report =
          migrator.runOnlineDataMigrations(
              maxCount == null ? OptionalInt.empty() : OptionalInt.of(maxCount));
    }
    if (json()) {
      List<Object> rows = new ArrayList<>();
      for (Count c : report.counts()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("migration", c.name());
        row.put("total_needed", c.totalNeeded());
        row.put("completed", c.completed());
        rows.add(row);
      }
      printJson(Map.of("migrations", rows));
    } else {
      printTable(report.counts());
    }
    if (report.exitCode() == 2) {
      err().println("Some migrations failed unexpectedly. Check the log for details.");
    }
    return report.exitCode();
  }

  private void printTable(List<Count> counts) {
    int width = "Migration".length();
    for (Count c : counts) {
      width = Math.max(width, c.name().length());
    }
    String format = "| %-" + width + "s | %12s | %9s |%n";
    String rule = "+" + "-".repeat(width + 2) + "+--------------+-----------+";
    out().println(rule);
    out().printf(format, "Migration", "Total Needed", "Completed");
    out().println(rule);
    for (Count c : counts) {
      out().printf(format, c.name(), c.totalNeeded(), c.completed());
    }
    out().println(rule);
  }
}
