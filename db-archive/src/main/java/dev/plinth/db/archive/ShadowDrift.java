package dev.plinth.db.archive;

import java.util.List;

/**
 * How one table's shadow table falls short: missing altogether, or differing column by column.
 *
 * @param table the main table
 * @param shadow the shadow table's name, {@code shadow_<table>}
 * @param missing whether the shadow table does not exist
 * @param differences one sentence per differing column or key, each naming it; empty when missing
 */
public record ShadowDrift(String table, String shadow, boolean missing, List<String> differences) {

  /** Copies the list. */
  public ShadowDrift {
    differences = List.copyOf(differences);
  }

  /** One line saying what is wrong, for messages and reports. */
  public String describe() {
    if (missing) {
      return "shadow table " + shadow + " is missing; run `shadow create`";
    }
    return shadow + " has drifted from " + table + ": " + String.join("; ", differences);
  }
}
