package dev.plinth.db.testing;

import dev.plinth.db.core.Dialects;
import dev.plinth.db.core.dialect.Dialect;
import java.util.Arrays;
import java.util.Locale;

/** The backends a Plinth test can run on, one per dialect. */
public enum Backend {
  /** Embedded SQLite: always available. */
  SQLITE(Dialects.sqlite()),
  /** PostgreSQL 12+. */
  POSTGRESQL(Dialects.postgresql()),
  /** MySQL 8 or MariaDB 10.6+. */
  MYSQL(Dialects.mysql());

  private final Dialect dialect;

  Backend(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The backend's dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** The short name used in display names and environment variables: the dialect's name. */
  public String id() {
    return dialect.name();
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
