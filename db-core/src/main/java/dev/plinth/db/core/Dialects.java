package dev.plinth.db.core;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.mysql.MysqlDialect;
import dev.plinth.db.core.dialect.postgresql.PostgresDialect;
import dev.plinth.db.core.dialect.sqlite.SqliteDialect;
import java.util.List;

/**
 * Picks the {@link Dialect} for a JDBC URL or a backend name.
 *
 * <p>The JDBC drivers are optional dependencies, so each dialect is created on first request, in
 * its own holder class: a service with only the PostgreSQL driver never loads a SQLite class.
 * Before a dialect is created its driver is looked up, and a missing driver fails with the Maven
 * coordinates to add.
 */
public final class Dialects {
  /** The SQLite backend's name, {@link Dialect#name()} of {@link #sqlite()}. */
  public static final String SQLITE = "sqlite";

  /** The PostgreSQL backend's name, {@link Dialect#name()} of {@link #postgresql()}. */
  public static final String POSTGRESQL = "postgresql";

  /** The MySQL/MariaDB backend's name, {@link Dialect#name()} of {@link #mysql()}. */
  public static final String MYSQL = "mysql";

  private static final List<String> NAMES = List.of(SQLITE, POSTGRESQL, MYSQL);

  private Dialects() {}

  /**
   * Returns the dialect for a JDBC URL.
   *
   * @throws IllegalArgumentException if the URL's scheme is not SQLite, PostgreSQL, MySQL or
   *     MariaDB
   * @throws IllegalStateException if the backend's JDBC driver is not on the class path
   */
  public static Dialect forUrl(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return sqlite();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return postgresql();
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return mysql();
    }
    throw new IllegalArgumentException(
        "unsupported JDBC URL "
            + UrlSanitizer.sanitize(url)
            + ": Plinth supports jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb: and jdbc:mysql:");
  }

  /**
   * The SQLite dialect.
   *
   * @throws IllegalStateException if {@code org.xerial:sqlite-jdbc} is not on the class path
   */
  public static Dialect sqlite() {
    Driver.SQLITE.require();
    return SqliteHolder.DIALECT;
  }

  /**
   * The PostgreSQL dialect.
   *
   * @throws IllegalStateException if {@code org.postgresql:postgresql} is not on the class path
   */
  public static Dialect postgresql() {
    Driver.POSTGRESQL.require();
    return PostgresHolder.DIALECT;
  }

  /**
   * The MySQL/MariaDB dialect.
   *
   * @throws IllegalStateException if {@code org.mariadb.jdbc:mariadb-java-client} is not on the
   *     class path
   */
  public static Dialect mysql() {
    Driver.MYSQL.require();
    return MysqlHolder.DIALECT;
  }

  /**
   * Returns the dialect whose {@link Dialect#name()} is {@code name}.
   *
   * @throws IllegalArgumentException if no dialect has that name
   * @throws IllegalStateException if the backend's JDBC driver is not on the class path
   */
  public static Dialect forName(String name) {
    return switch (name) {
      case SQLITE -> sqlite();
      case POSTGRESQL -> postgresql();
      case MYSQL -> mysql();
      default ->
          throw new IllegalArgumentException(
              "unknown backend '" + name + "': expected one of " + NAMES);
    };
  }

  /**
   * The backend names, one per dialect, in the order Plinth lists backends. Knowing them loads no
   * dialect and needs no driver.
   */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * The JDBC driver a dialect's code works with, and the Maven coordinates that bring it.
   *
   * @param schemes the URL schemes the dialect serves, for the message
   * @param driverClass the driver's {@code java.sql.Driver} class
   * @param coordinates the Maven {@code groupId:artifactId} of the driver
   */
  private record Driver(String schemes, String driverClass, String coordinates) {
    static final Driver SQLITE =
        new Driver("jdbc:sqlite:", "org.sqlite.JDBC", "org.xerial:sqlite-jdbc");
    static final Driver POSTGRESQL =
        new Driver("jdbc:postgresql:", "org.postgresql.Driver", "org.postgresql:postgresql");
    static final Driver MYSQL =
        new Driver(
            "jdbc:mariadb: and jdbc:mysql:",
            "org.mariadb.jdbc.Driver",
            "org.mariadb.jdbc:mariadb-java-client");

    /**
     * Fails unless the driver is visible to Plinth's own class loader, the one that resolves the
     * driver classes the dialect refers to. The class is looked up without being initialised.
     */
    void require() {
      try {
        Class.forName(driverClass, false, Dialects.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(
            schemes
                + " needs "
                + coordinates
                + " on the class path: add that dependency (Plinth's drivers are optional, see"
                + " \"What Plinth puts on your class path\" in docs/guide.md)",
            e);
      }
    }
  }

  private static final class SqliteHolder {
    static final Dialect DIALECT = new SqliteDialect();
  }

  private static final class PostgresHolder {
    static final Dialect DIALECT = new PostgresDialect();
  }

  private static final class MysqlHolder {
    static final Dialect DIALECT = new MysqlDialect();
  }
}
