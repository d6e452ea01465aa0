package dev.plinth.db.testing;

import java.util.Locale;

/** The backends a Plinth test can run on. */
public enum Backend {
  /** Embedded SQLite: always available. */
  SQLITE,
  /** PostgreSQL 12+. */
  POSTGRESQL,
  /** MySQL 8 or MariaDB 10.6+. */
  MYSQL;

  /** The short name used in display names, environment variables and dialects. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the backend with the given short name.
   *
   * @throws IllegalArgumentException if the name is not sqlite, postgresql or mysql
   */
  public static Backend fromId(String id) {
    for (Backend b : values()) {
      if (b.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown backend '" + id + "': expected sqlite, postgresql or mysql");
  }
}
