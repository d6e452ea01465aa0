package dev.plinth.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates or drops the {@code plinth_bench} PostgreSQL database for {@code run-core-overhead.sh},
 * so the script needs no {@code psql}. Connects with {@code PLINTH_BENCH_POSTGRESQL_ADMIN_URL}
 * (default: the local server as {@code postgres}); exits with status 2 when the server does not
 * answer, so the script can skip PostgreSQL.
 */
public final class PostgresBenchDatabase {
  /** The benchmark database on the local server, as {@code run-core-overhead.sh} creates it. */
  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/plinth_bench?user=postgres";

  private static final String DEFAULT_ADMIN_URL =
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private PostgresBenchDatabase() {}

  /**
   * Runs {@code create} (drop, then create afresh) or {@code drop}.
   *
   * @param args one of {@code create} or {@code drop}
   */
  public static void main(String[] args) {
    if (args.length != 1 || !(args[0].equals("create") || args[0].equals("drop"))) {
      System.err.println("usage: PostgresBenchDatabase create|drop");
      System.exit(64);
    }
    String admin =
        System.getenv().getOrDefault("PLINTH_BENCH_POSTGRESQL_ADMIN_URL", DEFAULT_ADMIN_URL);
    try (Connection c = DriverManager.getConnection(admin);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS plinth_bench WITH (FORCE)");
      if (args[0].equals("create")) {
        s.execute("CREATE DATABASE plinth_bench");
      }
    } catch (SQLException e) {
      System.err.println("PostgreSQL did not answer at " + admin + ": " + e.getMessage());
      System.exit(2);
    }
  }
}
