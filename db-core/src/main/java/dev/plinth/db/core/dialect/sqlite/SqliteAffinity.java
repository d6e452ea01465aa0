package dev.plinth.db.core.dialect.sqlite;

import java.util.Locale;

/** SQLite's type affinities, by the rules of datatype3.html section 3.1. */
enum SqliteAffinity {
  INTEGER,
  TEXT,
  BLOB,
  REAL,
  NUMERIC;

  static SqliteAffinity of(String declared) {
    String type = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
    if (type.contains("INT")) {
      return INTEGER;
    }
    if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
      return TEXT;
    }
    if (type.contains("BLOB") || type.isBlank()) {
      return BLOB;
    }
    if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
      return REAL;
    }
    return NUMERIC;
  }
}
