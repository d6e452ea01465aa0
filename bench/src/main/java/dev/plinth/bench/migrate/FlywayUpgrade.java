package dev.plinth.bench.migrate;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code flyway migrate} through Flyway's Java API, one process per run, for the upgrade benchmark:
 * Flyway's defaults, so each versioned migration runs in a transaction of its own.
 */
public final class FlywayUpgrade {
  private FlywayUpgrade() {}

  /**
   * Migrates the database at a JDBC URL with the versioned migrations of a directory.
   *
   * @param args the JDBC URL (credentials in the URL) and the migrations directory
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: FlywayUpgrade JDBC_URL DIR");
      System.exit(64);
    }
    MigrateResult result =
        Flyway.configure()
            .dataSource(args[0], null, null)
            .locations("filesystem:" + args[1])
            .load()
            .migrate();
    System.out.println(result.migrationsExecuted + " migration(s) applied");
  }
}
