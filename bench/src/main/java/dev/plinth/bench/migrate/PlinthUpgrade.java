package dev.plinth.bench.migrate;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;

/**
 * {@code upgrade heads} through Plinth's Java API, one process per run, for the upgrade benchmark
 * when the CLI jar is not used: what a service does at start-up with default settings.
 */
public final class PlinthUpgrade {
  private PlinthUpgrade() {}

  /**
   * Upgrades the database at a JDBC URL to the heads of a directory of SQL migrations.
   *
   * @param args the JDBC URL and the migrations directory
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: PlinthUpgrade JDBC_URL DIR");
      System.exit(64);
    }
    try (Migrator migrator =
        Migrator.builder()
            .config(DatabaseConfig.builder().connection(args[0]).build())
            .locations("filesystem:" + args[1])
            .build()) {
      MigrationResult result = migrator.upgrade("heads");
      System.out.println(result.applied().size() + " revision(s) applied");
    }
  }
}
