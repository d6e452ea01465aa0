package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Alembic's offline {@code FROM:TO} target: the version-table rows to start from (several,
 * comma-separated, for a database on several heads; {@code heads} for all of them; {@code base} or
 * nothing for an empty one) and the target. With a range, {@code --sql} and {@code --plan} need no
 * database.
 *
 * @param from the starting version-table rows, as full revision ids, in the order given (a plain
 *     {@code -N} downgrade steps down the first)
 * @param to the target, as given
 */
record TargetRange(Set<String> from, String to) {

  /**
   * Reads {@code target} as a range if it contains {@code :}.
   *
   * @return the range, or empty for a plain target
   * @throws dev.plinth.db.migrate.InvalidGraphException if a FROM revision is unknown or ambiguous
   * @throws UsageException if TO is missing
   */
  static Optional<TargetRange> parse(String target, RevisionGraph graph) {
    int colon = target.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String to = target.substring(colon + 1).trim();
    if (to.isEmpty()) {
      throw new UsageException(
          "range '" + target + "' has no target after ':' (e.g. base:heads or ab12,cd34:heads)");
    }
    Set<String> from = new LinkedHashSet<>();
    for (String rev : target.substring(0, colon).split(",")) {
      String trimmed = rev.trim();
      if (trimmed.equals("heads")) {
        from.addAll(graph.heads());
      } else if (!trimmed.isEmpty() && !trimmed.equals("base")) {
        from.add(graph.revision(trimmed).id());
      }
    }
    return Optional.of(new TargetRange(Collections.unmodifiableSet(from), to));
  }
}
