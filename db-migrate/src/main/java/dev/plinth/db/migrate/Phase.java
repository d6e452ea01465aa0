package dev.plinth.db.migrate;

import java.util.Locale;

/** The online-upgrade phase of a revision. */
public enum Phase {
  /** Additive changes that the old code tolerates: may run while it still runs. */
  EXPAND,
  /** Removals that only the new code tolerates: run after every expand and data migration. */
  CONTRACT;

  /**
   * Parses {@code expand} or {@code contract}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Phase parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "expand":
        return EXPAND;
      case "contract":
        return CONTRACT;
      default:
        throw new IllegalArgumentException(
            "unknown phase '" + text + "': expected expand or contract");
    }
  }
}
