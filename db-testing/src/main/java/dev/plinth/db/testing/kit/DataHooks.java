package dev.plinth.db.testing.kit;

import dev.plinth.db.core.TxAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data hooks of a walk, by revision: {@code before} hooks run just before a revision is
 * upgraded and insert realistic rows; {@code after} hooks run after each upgrade of it and check
 * those rows survived, as oslo.db's {@code _pre_upgrade_<rev>} and {@code _check_<rev>} do. Each
 * hook runs in a writer transaction of its own. Immutable: {@link #before} and {@link #after}
 * return a copy with one more hook.
 *
 * @param before the hooks run before each revision (id or unambiguous prefix) is upgraded
 * @param after the hooks run after each upgrade of a revision
 */
public record DataHooks(Map<String, List<TxAction>> before, Map<String, List<TxAction>> after) {

  /** Copies the maps. */
  public DataHooks {
    before = copy(before);
    after = copy(after);
  }

  /** No hooks. */
  public static DataHooks none() {
    return new DataHooks(Map.of(), Map.of());
  }

  /** These hooks plus {@code hook}, run before {@code revision} is upgraded. */
  public DataHooks before(String revision, TxAction hook) {
    return new DataHooks(with(before, revision, hook), after);
  }

  /** These hooks plus {@code hook}, run after each upgrade of {@code revision}. */
  public DataHooks after(String revision, TxAction hook) {
    return new DataHooks(before, with(after, revision, hook));
  }

  private static Map<String, List<TxAction>> with(
      Map<String, List<TxAction>> hooks, String revision, TxAction hook) {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(hook, "hook for revision " + revision);
    Map<String, List<TxAction>> copy = new LinkedHashMap<>(hooks);
    List<TxAction> list = new ArrayList<>(copy.getOrDefault(revision, List.of()));
    list.add(hook);
    copy.put(revision, list);
    return copy;
  }

  private static Map<String, List<TxAction>> copy(Map<String, List<TxAction>> hooks) {
    Map<String, List<TxAction>> copy = new LinkedHashMap<>();
    hooks.forEach((revision, list) -> copy.put(revision, List.copyOf(list)));
    return Collections.unmodifiableMap(copy);
  }
}
