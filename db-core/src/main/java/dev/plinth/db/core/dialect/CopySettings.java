package dev.plinth.db.core.dialect;

import java.util.List;

/**
 * Session settings for one bulk copy into a new table inside the running transaction: statements to
 * run right before the copy, and statements that undo them right after it.
 *
 * @param before run before the copy
 * @param after run after the copy, whether it succeeded or not
 */
public record CopySettings(List<String> before, List<String> after) {
  /** No settings: the copy runs as the session is. */
  public static final CopySettings NONE = new CopySettings(List.of(), List.of());

  /** Copies both lists so the settings are immutable. */
  public CopySettings {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }
}
