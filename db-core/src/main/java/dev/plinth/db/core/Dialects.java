package dev.plinth.db.core;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.mysql.MysqlDialect;
import dev.plinth.db.core.dialect.postgresql.PostgresDialect;
import dev.plinth.db.core.dialect.sqlite.SqliteDialect;

/** Picks the {@link Dialect} for a JDBC URL. */
public final class Dialects {
  private static final Dialect SQLITE = new SqliteDialect();
  private static final Dialect POSTGRESQL = new PostgresDialect();
  private static final Dialect MYSQL = new MysqlDialect();

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

  /**
   * Returns the dialect with the given short name.
   *
   * @throws IllegalArgumentException if the name is not {@code sqlite}, {@code postgresql} or
   *     {@code mysql}
   */
  public static Dialect forName(String name) {
    switch (name) {
      case "sqlite":
        return SQLITE;
      case "postgresql":
        return POSTGRESQL;
      case "mysql":
        return MYSQL;
      default:
        throw new IllegalArgumentException(
            "unknown backend '" + name + "': expected sqlite, postgresql or mysql");
    }
  }
}
