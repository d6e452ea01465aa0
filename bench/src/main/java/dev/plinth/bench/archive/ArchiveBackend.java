package dev.plinth.bench.archive;

import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The two servers of the archive benchmark, and how each one gets a fresh copy of the dataset.
 * PostgreSQL copies a template database ({@code CREATE DATABASE ... TEMPLATE}); MariaDB copies
 * template tables kept in their own database with {@code INSERT ... SELECT}.
 */
enum ArchiveBackend {
  POSTGRESQL(
      "PLINTH_BENCH_POSTGRESQL_ADMIN_URL",
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
      "BIGSERIAL PRIMARY KEY",
      "TIMESTAMP") {
    @Override
    String url(String database) {
      return adminUrl().replaceFirst("/postgres\\?", "/" + database + "?");
    }

    @Override
    void dropTemplate() throws SQLException {
      admin("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
    }

    @Override
    void createTemplate(int parents) throws SQLException {
      dropTemplate();
      admin("CREATE DATABASE " + TEMPLATE);
      try (Connection c = DriverManager.getConnection(url(TEMPLATE));
          Statement s = c.createStatement()) {
        createTables(s);
        s.execute(
            "INSERT INTO instances (id, uuid, host, display_name, created_at, updated_at,"
                + " deleted_at, deleted) SELECT g, md5(g::text)::uuid::text, 'compute-' || (g % 100),"
                + " 'server-' || g, TIMESTAMP '2024-01-01' + g * INTERVAL '1 second',"
                + " TIMESTAMP '2024-01-01' + g * INTERVAL '1 second',"
                + " CASE WHEN g % 2 = 1 THEN TIMESTAMP '2025-01-01' END,"
                + " CASE WHEN g % 2 = 1 THEN g ELSE 0 END FROM generate_series(1, "
                + parents
                + ") g");
        for (String child : CHILDREN) {
          s.execute(
              "INSERT INTO "
                  + child
                  + " (id, instance_id, detail, created_at, updated_at, deleted_at, deleted)"
                  + " SELECT g, (g + 1) / 2, repeat(md5(g::text), 4),"
                  + " TIMESTAMP '2024-01-01' + g * INTERVAL '1 second',"
                  + " TIMESTAMP '2024-01-01' + g * INTERVAL '1 second',"
                  + " CASE WHEN ((g + 1) / 2) % 2 = 1 THEN TIMESTAMP '2025-01-01' END,"
                  + " CASE WHEN ((g + 1) / 2) % 2 = 1 THEN g ELSE 0 END"
                  + " FROM generate_series(1, "
                  + 2L * parents
                  + ") g");
        }
        for (String table : TABLES) {
          s.execute(
              "SELECT setval(pg_get_serial_sequence('"
                  + table
                  + "', 'id'), (SELECT max(id) FROM "
                  + table
                  + "))");
        }
      }
      createShadowTables(url(TEMPLATE));
      try (Connection c = DriverManager.getConnection(url(TEMPLATE));
          Statement s = c.createStatement()) {
        s.execute("VACUUM (FREEZE, ANALYZE)");
      }
    }

    @Override
    void reset() throws SQLException {
      admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      admin("CREATE DATABASE " + DATABASE + " TEMPLATE " + TEMPLATE);
      admin("CHECKPOINT");
    }

    @Override
    void drop() throws SQLException {
      admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  },

  MARIADB(
      "PLINTH_BENCH_MARIADB_ADMIN_URL",
      "jdbc:mariadb://127.0.0.1:3306/?user=root",
      "BIGINT AUTO_INCREMENT PRIMARY KEY",
      "DATETIME") {
    @Override
    String url(String database) {
      return adminUrl().replaceFirst("/\\?", "/" + database + "?");
    }

    @Override
    void dropTemplate() throws SQLException {
      admin("DROP DATABASE IF EXISTS " + TEMPLATE);
    }

    @Override
    void createTemplate(int parents) throws SQLException {
      dropTemplate();
      createFilled(
          TEMPLATE,
          s -> {
            s.execute(
                "INSERT INTO instances (id, uuid, host, display_name, created_at, updated_at,"
                    + " deleted_at, deleted) SELECT seq, md5(seq), concat('compute-', seq % 100),"
                    + " concat('server-', seq), TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND,"
                    + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND,"
                    + " CASE WHEN seq % 2 = 1 THEN TIMESTAMP '2025-01-01 00:00:00' END,"
                    + " CASE WHEN seq % 2 = 1 THEN seq ELSE 0 END FROM seq_1_to_"
                    + parents);
            for (String child : CHILDREN) {
              s.execute(
                  "INSERT INTO "
                      + child
                      + " (id, instance_id, detail, created_at, updated_at, deleted_at, deleted)"
                      + " SELECT seq, (seq + 1) DIV 2, repeat(md5(seq), 4),"
                      + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND,"
                      + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND,"
                      + " CASE WHEN ((seq + 1) DIV 2) % 2 = 1 THEN TIMESTAMP '2025-01-01 00:00:00' END,"
                      + " CASE WHEN ((seq + 1) DIV 2) % 2 = 1 THEN seq ELSE 0 END FROM seq_1_to_"
                      + 2L * parents);
            }
          });
    }

    @Override
    void reset() throws SQLException {
      drop();
      createFilled(
          DATABASE,
          s -> {
            for (String table : TABLES) {
              s.execute("INSERT INTO " + table + " SELECT * FROM " + TEMPLATE + "." + table);
            }
            s.execute("ANALYZE TABLE " + String.join(", ", TABLES));
          });
      createShadowTables(url(DATABASE));
    }

    /**
     * Creates {@code database} with the benchmark's tables and fills them through {@code fill},
     * with foreign-key checks off.
     */
    private void createFilled(String database, Fill fill) throws SQLException {
      admin("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
      try (Connection c = DriverManager.getConnection(url(database));
          Statement s = c.createStatement()) {
        createTables(s);
        s.execute("SET SESSION foreign_key_checks = 0");
        fill.into(s);
      }
    }

    @Override
    void drop() throws SQLException {
      admin("DROP DATABASE IF EXISTS " + DATABASE);
    }
  };

  /** Statements that fill freshly created tables. */
  @FunctionalInterface
  interface Fill {
    void into(Statement s) throws SQLException;
  }

  /** The database every contender archives. */
  static final String DATABASE = "plinth_archbench";

  /** Where the generated dataset is kept between runs. */
  static final String TEMPLATE = "plinth_archbench_tmpl";

  /** The main tables, parent first. */
  static final List<String> TABLES =
      List.of("instances", "block_device_mapping", "instance_faults");

  /** The child tables; each references {@code instances.id}. */
  static final List<String> CHILDREN = TABLES.subList(1, TABLES.size());

  private final String adminUrlVariable;
  private final String defaultAdminUrl;
  private final String keyType;
  private final String timestampType;

  ArchiveBackend(
      String adminUrlVariable, String defaultAdminUrl, String keyType, String timestampType) {
    this.adminUrlVariable = adminUrlVariable;
    this.defaultAdminUrl = defaultAdminUrl;
    this.keyType = keyType;
    this.timestampType = timestampType;
  }

  /** The backend named {@code postgresql} or {@code mariadb}. */
  static ArchiveBackend named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The URL of a database on this server. */
  abstract String url(String database);

  /** Generates the dataset: {@code parents} parent rows, two rows per parent in each child. */
  abstract void createTemplate(int parents) throws SQLException;

  /** Drops the dataset's template. */
  abstract void dropTemplate() throws SQLException;

  /** Replaces {@link #DATABASE} by a fresh copy of the template, shadow tables included. */
  abstract void reset() throws SQLException;

  /** Drops {@link #DATABASE}. */
  abstract void drop() throws SQLException;

  /** The server's administrative URL (environment variable, else the local server). */
  String adminUrl() {
    return System.getenv().getOrDefault(adminUrlVariable, defaultAdminUrl);
  }

  /** Creates the shadow tables with Plinth, as a deployment would (not measured). */
  static void createShadowTables(String url) {
    try (Database db = Database.builder().url(url).build()) {
      ShadowTables.of(db).create();
    }
  }

  /** Runs one statement on the administrative connection. */
  void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * A Nova-like schema: {@code instances} and two children referencing it, each with oslo.db's
   * soft-delete columns and a text column of 128 characters in the children.
   */
  void createTables(Statement s) throws SQLException {
    String ts = timestampType;
    String softDelete =
        ", created_at "
            + ts
            + ", updated_at "
            + ts
            + ", deleted_at "
            + ts
            + ", deleted BIGINT NOT NULL DEFAULT 0";
    s.execute(
        "CREATE TABLE instances (id "
            + keyType
            + ", uuid VARCHAR(36) NOT NULL, host VARCHAR(255), display_name VARCHAR(255)"
            + softDelete
            + ")");
    for (String child : CHILDREN) {
      s.execute(
          "CREATE TABLE "
              + child
              + " (id "
              + keyType
              + ", instance_id BIGINT NOT NULL, detail TEXT"
              + softDelete
              + ", CONSTRAINT "
              + child
              + "_instance_fk FOREIGN KEY (instance_id) REFERENCES instances (id))");
      s.execute("CREATE INDEX " + child + "_instance_idx ON " + child + " (instance_id)");
    }
  }
}
