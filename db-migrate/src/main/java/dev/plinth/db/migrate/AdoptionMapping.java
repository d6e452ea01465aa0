package dev.plinth.db.migrate;

import dev.plinth.db.migrate.source.Location;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How the versions of the tool that managed a database before map to Plinth revisions, for {@link
 * Migrator#adopt()}. Written as a properties file:
 *
 * <pre>
 * alembic.&lt;alembic revision&gt;=&lt;plinth revision&gt;
 * flyway.&lt;flyway version&gt;=&lt;plinth revision&gt;
 * migrate.&lt;sqlalchemy-migrate version&gt;=&lt;plinth revision&gt;
 * migrate.legacy_location=filesystem:db/legacy   (optional: numbered scripts still to run)
 * </pre>
 *
 * @param alembic Alembic revision ids to Plinth revisions
 * @param flyway Flyway versions (as written in {@code flyway_schema_history}) to Plinth revisions
 * @param migrate sqlalchemy-migrate versions to Plinth revisions
 * @param legacyLocation where sqlalchemy-migrate's numbered scripts are, if some may still be
 *     pending
 */
public record AdoptionMapping(
    Map<String, String> alembic,
    Map<String, String> flyway,
    Map<Integer, String> migrate,
    Optional<Location> legacyLocation) {

  private static final String LEGACY_KEY = "migrate.legacy_location";

  /** Copies the maps. */
  public AdoptionMapping {
    alembic = Map.copyOf(alembic);
    flyway = Map.copyOf(flyway);
    migrate = Map.copyOf(migrate);
  }

  /**
   * Reads a mapping file.
   *
   * @throws IllegalArgumentException naming the file and key of an unknown or malformed entry
   * @throws UncheckedIOException if the file cannot be read
   */
  public static AdoptionMapping load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read adoption mapping " + file, e);
    }
    return parse(p, file.toString());
  }

  /**
   * Builds a mapping from properties in the file format.
   *
   * @param origin where they come from, for messages
   * @throws IllegalArgumentException naming the key of an unknown or malformed entry
   */
  public static AdoptionMapping parse(Properties properties, String origin) {
    Map<String, String> alembic = new TreeMap<>();
    Map<String, String> flyway = new TreeMap<>();
    Map<Integer, String> migrate = new TreeMap<>();
    Optional<Location> legacy = Optional.empty();
    for (String key : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
      String value = properties.getProperty(key).trim();
      if (key.equals(LEGACY_KEY)) {
        legacy = Optional.of(Location.parse(value));
      } else if (key.startsWith("alembic.") && key.length() > 8) {
        alembic.put(key.substring(8), value);
      } else if (key.startsWith("flyway.") && key.length() > 7) {
        flyway.put(key.substring(7), value);
      } else if (key.matches("migrate\\.\\d+")) {
        migrate.put(Integer.parseInt(key.substring(8)), value);
      } else {
        throw new IllegalArgumentException(
            origin
                + ": unknown key '"
                + key
                + "'; expected alembic.<revision>, flyway.<version>, migrate.<number> or "
                + LEGACY_KEY);
      }
    }
    return new AdoptionMapping(alembic, flyway, migrate, legacy);
  }
}
