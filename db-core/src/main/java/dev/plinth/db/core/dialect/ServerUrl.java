package dev.plinth.db.core.dialect;

import java.util.Optional;

/**
 * Checks the form of a client-server JDBC URL, {@code jdbc:<scheme>://host[:port][,host[:port]…]
 * [/database][?parameters]}, before any driver sees it: the PostgreSQL and MariaDB drivers answer a
 * malformed host part with a parse error that quotes the whole URL, a warning on their own log, or
 * an unchecked exception, and neither understands credentials written as {@code user:password@}.
 */
public final class ServerUrl {
  private static final int MAX_PORT = 65_535;

  private ServerUrl() {}

  /**
   * What is wrong with {@code url}, in words that name the part at fault and never quote a
   * credential; empty when its form is right.
   *
   * @param url the JDBC URL
   * @param prefix the scheme the URL starts with, e.g. {@code jdbc:postgresql:}
   * @param defaultForm how a right URL looks, quoted in the answer
   * @param hostRequired whether the driver needs the {@code //host} part (MariaDB's does;
   *     PostgreSQL's also takes {@code jdbc:postgresql:database} for a local server)
   */
  public static Optional<String> problem(
      String url, String prefix, String defaultForm, boolean hostRequired) {
    String rest = url.substring(prefix.length());
    if (!rest.startsWith("//")) {
      return hostRequired
          ? Optional.of("expected " + defaultForm + ", not '" + prefix + "' followed by no host")
          : Optional.empty();
    }
    String authority = authority(rest.substring(2));
    if (authority.contains("@")) {
      return Optional.of(
          "credentials in the host part (user:password@host) are not understood by the driver;"
              + " pass them as parameters: "
              + defaultForm
              + "?user=...&password=...");
    }
    for (String host : authority.split(",", -1)) {
      Optional<String> problem = hostProblem(host);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static String authority(String afterSlashes) {
    int end = afterSlashes.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int at = afterSlashes.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return afterSlashes.substring(0, end);
  }

  private static Optional<String> hostProblem(String host) {
    if (host.isEmpty()) {
      return Optional.of("a host in the URL is empty");
    }
    int bracket = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon < bracket) {
      return Optional.empty();
    }
    String port = host.substring(colon + 1);
    if (!port.chars().allMatch(Character::isDigit)
        || port.isEmpty()
        || port.length() > 5
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > MAX_PORT) {
      return Optional.of(
          "port '"
              + port
              + "' of host '"
              + host.substring(0, colon)
              + "' is not a number from 1 to 65535");
    }
    return Optional.empty();
  }
}
