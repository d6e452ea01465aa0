package dev.plinth.db.migrate.source;

import dev.plinth.db.migrate.graph.Direction;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code -- +upgrade} or {@code -- +downgrade} section of a SQL migration.
 *
 * @param direction which way the section runs
 * @param backend the backend it is limited to, or empty for every backend
 * @param text the lines of the section, without the marker
 * @param firstLine the file line of the first line of {@code text}
 */
record SqlSection(Direction direction, Optional<String> backend, String text, int firstLine) {

  /** The marker that opens a section running in {@code direction}, e.g. {@code -- +upgrade}. */
  static String marker(Direction direction) {
    return "-- +" + direction.name().toLowerCase(Locale.ROOT);
  }
}
