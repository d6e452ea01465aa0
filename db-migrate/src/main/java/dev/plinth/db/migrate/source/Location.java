package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where SQL migrations are looked for: {@code filesystem:DIR} (a directory, absolute or relative to
 * the working directory) or {@code classpath:path} (a resource folder, in directories and jars
 * alike). Every {@code *.sql} file below the location, at any depth, is a migration.
 *
 * @param kind where the path is resolved
 * @param path the directory or resource path, without its prefix
 */
public record Location(Kind kind, String path) {

  /** How a location's path is resolved. */
  public enum Kind {
    /** A directory on the file system. */
    FILESYSTEM,
    /** A resource folder seen by a class loader, in directories or jars. */
    CLASSPATH;

    String prefix() {
      return name().toLowerCase(Locale.ROOT) + ":";
    }
  }

  /** Validates the path and, for the class path, drops leading and trailing slashes. */
  public Location {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    if (kind == Kind.CLASSPATH) {
      path = path.replaceAll("^/+|/+$", "");
    }
    if (path.isBlank() && kind == Kind.FILESYSTEM) {
      throw new InvalidMigrationException("location filesystem: needs a directory");
    }
  }

  /**
   * Parses {@code filesystem:DIR} or {@code classpath:path}.
   *
   * @throws InvalidMigrationException naming the text if the prefix is missing or unknown
   */
  public static Location parse(String text) {
    String trimmed = text.trim();
    for (Kind kind : Kind.values()) {
      if (trimmed.startsWith(kind.prefix())) {
        return new Location(kind, trimmed.substring(kind.prefix().length()));
      }
    }
    throw new InvalidMigrationException(
        "unknown migration location '"
            + text
            + "': expected filesystem:DIR or classpath:path (e.g. classpath:db/migration)");
  }

  /**
   * Parses a comma-separated list of locations, keeping their order.
   *
   * @throws InvalidMigrationException naming the first location that is not understood
   */
  public static List<Location> parseAll(String commaSeparated) {
    List<Location> locations = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) {
        locations.add(parse(part));
      }
    }
    return List.copyOf(locations);
  }

  /** A location on the file system. */
  public static Location filesystem(String directory) {
    return new Location(Kind.FILESYSTEM, directory);
  }

  /** A location on the class path. */
  public static Location classpath(String path) {
    return new Location(Kind.CLASSPATH, path);
  }

  /** The location as it is written in configuration, e.g. {@code classpath:db/migration}. */
  @Override
  public String toString() {
    return kind.prefix() + path;
  }
}
