package dev.plinth.db.core;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.mysql.MysqlDialect;
import dev.plinth.db.core.dialect.postgresql.PostgresDialect;
import dev.plinth.db.core.dialect.sqlite.SqliteDialect;
import java.util.List;

/** Picks the {@link Dialect} for a JDBC URL. */
public final class Dialects {
  private static final Dialect SQLITE = new SqliteDialect();
  private static final Dialect POSTGRESQL = new PostgresDialect();
  private static final Dialect MYSQL = new MysqlDialect();
  private static final List<Dialect> ALL = List.of(SQLITE, POSTGRESQL, MYSQL);

  private Dialects() {}

  /**
   * Returns the dialect for a JDBC URL.
   *
   * @throws IllegalArgumentException if the URL's scheme is not SQLite, PostgreSQL, MySQL or
   *     MariaDB
   */
  public static Dialect forUrl(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return MYSQL;
    }
    throw new IllegalArgumentException(
        "unsupported JDBC URL "
            + UrlSanitizer.sanitize(url)
            + ": Plinth supports jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb: and jdbc:mysql:");
  }

  /** The SQLite dialect. */
  public static Dialect sqlite() {
    return SQLITE;
  }

  /** The PostgreSQL dialect. */
  public static Dialect postgresql() {
    return POSTGRESQL;
  }

  /** The MySQL/MariaDB dialect. */
  public static Dialect mysql() {
    return MYSQL;
  }

  /** Every dialect, in the order Plinth lists backends; their names are the backend names. */
  public static List<Dialect> all() {
    return ALL;
  }

  /**
   * Returns the dialect whose {@link Dialect#name()} is {@code name}.
   *
   * @throws IllegalArgumentException if no dialect has that name
   */
  public static Dialect forName(String name) {
    return ALL.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown backend '" + name + "': expected one of " + names()));
  }

  /** The backend names, one per dialect. */
  public static List<String> names() {
    return ALL.stream().map(Dialect::name).toList();
  }
}
