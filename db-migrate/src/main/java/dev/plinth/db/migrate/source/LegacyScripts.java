package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbered SQL scripts of a sqlalchemy-migrate repository, for a database adopted from it:
 * {@code NNN_description.sql} runs on every backend; sqlalchemy-migrate's own names {@code
 * NNN_description_<backend>_upgrade.sql} run on that backend ({@code default} on any), a
 * backend-specific script winning over a {@code default} one; {@code *_downgrade.sql} files are
 * ignored. Python scripts cannot be run: translate them to SQL.
 */
public final class LegacyScripts {
  private static final Pattern NUMBERED = Pattern.compile("(\\d+)_(.+)\\.sql");
  private static final Pattern MIGRATE_NAME = Pattern.compile(".+_(\\w+?)_(upgrade|downgrade)");

  private LegacyScripts() {}

  /**
   * One legacy script.
   *
   * @param version its number: sqlalchemy-migrate's version after it ran
   * @param origin the file, for messages
   * @param sql its statements
   */
  public record Script(int version, String origin, String sql) {}

  /**
   * The scripts under {@code location} that run on {@code backend}, by ascending number.
   *
   * @param backend a dialect name: {@code sqlite}, {@code postgresql} or {@code mysql}
   * @throws InvalidMigrationException if the location is missing or two scripts share a number
   */
  public static List<Script> load(Location location, ClassLoader loader, String backend) {
    Map<Integer, Script> generic = new TreeMap<>();
    Map<Integer, Script> specific = new TreeMap<>();
    for (SqlFile file : LocationScanner.scan(location, loader)) {
      String name = file.relativePath().substring(file.relativePath().lastIndexOf('/') + 1);
      Matcher numbered = NUMBERED.matcher(name);
      if (!numbered.matches()) {
        continue;
      }
      Optional<String> target = targetBackend(numbered.group(2));
      if (target.isPresent() && !target.get().equals(backend) && !target.get().equals("default")) {
        continue;
      }
      Map<Integer, Script> into = target.filter(backend::equals).isPresent() ? specific : generic;
      Script script =
          new Script(Integer.parseInt(numbered.group(1)), file.origin(), file.content());
      Script clash = into.put(script.version(), script);
      if (clash != null) {
        throw new InvalidMigrationException(
            "legacy scripts "
                + clash.origin()
                + " and "
                + script.origin()
                + " both have number "
                + script.version());
      }
    }
    generic.putAll(specific);
    return new ArrayList<>(generic.values());
  }

  /** The backend of a sqlalchemy-migrate name, {@code downgrade} for downgrade scripts. */
  private static Optional<String> targetBackend(String description) {
    Matcher m = MIGRATE_NAME.matcher(description);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(m.group(2).equals("downgrade") ? "downgrade" : m.group(1));
  }
}
