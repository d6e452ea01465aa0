package dev.plinth.db.core.dialect.sqlite;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sqlite.SQLiteConfig;

/**
 * Checks the parameters of a {@code jdbc:sqlite:} URL: sqlite-jdbc reads the pragmas it knows from
 * the query and leaves any other parameter in the file name, so {@code
 * s.db?journal_mode=OFF&foo=bar} would silently open a file named {@code s.db?foo=bar}. A {@code
 * file:} URI name may also carry SQLite's own URI parameters.
 */
final class SqliteUrl {
  private static final String PREFIX = "jdbc:sqlite:";
  private static final Set<String> PRAGMAS =
      Arrays.stream(SQLiteConfig.Pragma.values())
          .map(p -> p.pragmaName)
          .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> URI_PARAMETERS =
      Set.of("mode", "cache", "vfs", "immutable", "nolock", "psow", "modeof");

  private SqliteUrl() {}

  static Optional<String> problem(String url) {
    String name = url.substring(PREFIX.length());
    int query = name.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    boolean uri = name.startsWith("file:");
    for (String parameter : name.substring(query + 1).split("&")) {
      String key =
          parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
      if (!PRAGMAS.contains(key) && !(uri && URI_PARAMETERS.contains(key))) {
        return Optional.of(
            "unknown SQLite connection parameter '"
                + key
                + "': the driver would make it part of the file name; use a pragma such as"
                + " journal_mode, busy_timeout or foreign_keys"
                + (uri ? ", or a SQLite URI parameter such as mode or cache" : ""));
      }
    }
    return Optional.empty();
  }
}
