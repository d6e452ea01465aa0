package dev.plinth.db.migrate.adopt;

import dev.plinth.db.core.Tx;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.adopt.ForeignVersion.Tool;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the version another tool left: {@code alembic_version} first (a database moved from
 * sqlalchemy-migrate to Alembic, as OpenStack's were, keeps a stale {@code migrate_version}), then
 * {@code flyway_schema_history}, then {@code migrate_version}. An empty version table counts as
 * absent.
 */
final class ForeignVersions {
  private static final Comparator<String> FLYWAY_ORDER = ForeignVersions::compareFlyway;

  private ForeignVersions() {}

  /**
   * The first tool's version found, if any.
   *
   * @throws MigrationException if Flyway recorded a failed migration, or sqlalchemy-migrate's table
   *     has several rows
   */
  static Optional<ForeignVersion> read(Tx tx, List<String> tableNames) {
    for (Tool tool : Tool.values()) {
      boolean present =
          tableNames.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(tool.table()));
      if (present) {
        List<String> versions = versions(tx, tool);
        if (!versions.isEmpty()) {
          return Optional.of(new ForeignVersion(tool, versions));
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> versions(Tx tx, Tool tool) {
    String table = tx.dialect().quote(tool.table());
    return switch (tool) {
      case ALEMBIC ->
          tx.query(
              "SELECT version_num FROM " + table + " ORDER BY version_num", rs -> rs.getString(1));
      case FLYWAY -> flywayCurrent(tx, table);
      case MIGRATE -> {
        List<String> rows = tx.query("SELECT version FROM " + table, rs -> rs.getString(1));
        if (rows.size() > 1) {
          throw new MigrationException(
              "cannot adopt: migrate_version has "
                  + rows.size()
                  + " rows (one per sqlalchemy-migrate repository); keep only the one for this"
                  + " service's repository");
        }
        yield rows;
      }
    };
  }

  private static List<String> flywayCurrent(Tx tx, String table) {
    List<String[]> rows =
        tx.query(
            "SELECT version, type, success FROM " + table + " WHERE version IS NOT NULL",
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getBoolean(3) ? "y" : "n"});
    Optional<String[]> failed = rows.stream().filter(r -> r[2].equals("n")).findFirst();
    if (failed.isPresent()) {
      throw new MigrationException(
          "cannot adopt: flyway_schema_history records a failed migration (version "
              + failed.get()[0]
              + "); fix it and run 'flyway repair' first");
    }
    return rows.stream()
        .filter(r -> !r[1].startsWith("UNDO") && !r[1].equals("DELETE"))
        .map(r -> r[0])
        .max(FLYWAY_ORDER)
        .map(List::of)
        .orElse(List.of());
  }

  /** Flyway's order: dot- or underscore-separated numbers compared part by part. */
  private static int compareFlyway(String a, String b) {
    String[] x = a.split("[._]");
    String[] y = b.split("[._]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      BigInteger p = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
      BigInteger q = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
      int c = p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
