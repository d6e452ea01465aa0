package dev.plinth.db.migrate.autogenerate;

import java.util.ArrayList;
import java.util.List;

/**
 * What autogenerate could not infer safely, as Alembic warns about it: written as comments at the
 * top of the generated {@code upgrade} and printed as warnings.
 */
final class Notes {
  private final List<String> lines = new ArrayList<>();

  /** Adds a note, once. */
  void add(String note) {
    if (!lines.contains(note)) {
      lines.add(note);
    }
  }

  /** The notes in the order they were added. */
  List<String> lines() {
    return List.copyOf(lines);
  }
}
