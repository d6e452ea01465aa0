package dev.plinth.db.core;

import java.time.Duration;
import java.util.Map;

/** Parses the raw option values of a {@link DatabaseConfig}, naming the key of any bad value. */
final class ValueReader {
  private final Map<String, String> values;

  ValueReader(Map<String, String> values) {
    this.values = values;
  }

  String url(String key, boolean required) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      if (required) {
        throw new IllegalArgumentException(
            DatabaseConfig.PREFIX
                + key
                + " is not set: give a JDBC URL such as jdbc:sqlite:app.db, "
                + "jdbc:postgresql://host/db or jdbc:mariadb://host/db");
      }
      return null;
    }
    if (!v.startsWith("jdbc:")) {
      throw bad(key, UrlSanitizer.sanitize(v), "a JDBC URL starting with jdbc:");
    }
    return v;
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  int integer(String key, int fallback, int min, int max) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw bad(key, v, "a whole number from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(key, v, "a whole number from " + min + " to " + max);
    }
  }

  Duration seconds(String key, double fallback, double min) {
    String v = values.get(key);
    double s = fallback;
    if (v != null) {
      try {
        s = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw bad(key, v, "a number of seconds ≥ " + min);
      }
      if (s < min || Double.isNaN(s) || Double.isInfinite(s)) {
        throw bad(key, v, "a number of seconds ≥ " + min);
      }
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }

  boolean bool(String key, boolean fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return true;
      case "false":
      case "no":
      case "off":
      case "0":
        return false;
      default:
        throw bad(key, v, "true or false");
    }
  }

  private static IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException(
        "invalid value '"
            + value
            + "' for "
            + DatabaseConfig.PREFIX
            + key
            + ": expected "
            + expected);
  }
}
