package dev.plinth.db.it.migrate;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.source.MigrationScript;
import java.time.Duration;
import java.util.List;

/**
 * A migrator process for the scenario tests: {@code MigrateMain URL START_AT_MILLIS [slow]} waits
 * until the shared start time, runs {@code upgrade heads} on {@link SampleRevisions} and prints the
 * revisions it ran. With {@code slow}, revisions {@code r2} and {@code r3} pause for a minute
 * before their first statement, so the process can be killed while it holds the migration lock.
 * With {@code stall}, they first lock {@code r1}'s row of {@code applied_log} and then run {@link
 * #stallStatement} on the server, so the process can be killed mid-statement.
 */
public final class MigrateMain {
  private MigrateMain() {}

  public static void main(String[] args) throws InterruptedException {
    String url = args[0];
    long startAt = Long.parseLong(args[1]);
    String mode = args.length > 2 ? args[2] : "";
    List<MigrationScript> scripts = SampleRevisions.dag();
    if (mode.equals("stall")) {
      for (int branch = 1; branch <= 2; branch++) {
        scripts.set(branch, ((TestScript) scripts.get(branch)).stalling(stallStatement(url)));
      }
    }
    if (mode.equals("slow")) {
      // Both branches after r1, so that whichever the plan takes first waits before its first
      // statement: a kill then never lands between a MySQL DDL statement (which commits on its
      // own) and the version row of its revision.
      for (int branch = 1; branch <= 2; branch++) {
        scripts.set(branch, ((TestScript) scripts.get(branch)).withPause(Duration.ofMinutes(1)));
      }
    }
    DatabaseConfig config =
        DatabaseConfig.builder().connection(url).maxRetries(1).dbMaxRetries(0).build();
    try (Database db = Database.builder().config(config).build();
        Migrator migrator =
            Migrator.builder()
                .database(db)
                .scripts(scripts)
                .lockTimeout(Duration.ofMinutes(2))
                .build()) {
      Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
      MigrationResult result = migrator.upgrade("heads");
      System.out.println("applied " + result.revisionIds());
    }
  }

  /** A statement that runs on the server for a minute: {@code pg_sleep} or {@code SLEEP}. */
  static String stallStatement(String url) {
    return url.startsWith("jdbc:postgresql:") ? "SELECT pg_sleep(60)" : "SELECT SLEEP(60)";
  }
}
