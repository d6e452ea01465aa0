package dev.plinth.db.testing;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.core.dialect.Dialect;
import java.util.Arrays;
import java.util.Locale;

/**
 * The backends a Plinth test can run on, one per dialect. Naming a backend needs no driver; its
 * dialect, created on first use, needs the backend's JDBC driver on the test class path.
 */
public enum Backend {
  /** Embedded SQLite: always available. */
  SQLITE(Dialects.SQLITE),
  /** PostgreSQL 12+. */
  POSTGRESQL(Dialects.POSTGRESQL),
  /** MySQL 8 or MariaDB 10.6+. */
  MYSQL(Dialects.MYSQL);

  private final String id;

  Backend(String id) {
    this.id = id;
  }

  /**
   * The backend's dialect.
   *
   * @throws IllegalStateException if the backend's JDBC driver is not on the class path
   */
  public Dialect dialect() {
    return Dialects.forName(id);
  }

  /** The short name used in display names and environment variables: the dialect's name. */
  public String id() {
    return id;
  }

  /**
   * Returns the backend with the given short name, in any case.
   *
   * @throws IllegalArgumentException if no backend has that name
   */
  public static Backend fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(b -> b.id().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown backend '" + id + "': expected one of " + Dialects.names()));
  }
}
