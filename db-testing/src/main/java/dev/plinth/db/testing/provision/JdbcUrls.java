package dev.plinth.db.testing.provision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites the database part of a server JDBC URL. */
final class JdbcUrls {
  private static final Pattern SERVER_URL =
      Pattern.compile("^(jdbc:[a-z]+://[^/?]*)(/[^?]*)?(\\?.*)?$");

  private JdbcUrls() {}

  static String withDatabase(String url, String database) {
    Matcher m = SERVER_URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a server JDBC URL: " + url);
    }
    return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
  }
}
