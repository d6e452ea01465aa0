package dev.plinth.db.migrate.runner;

import dev.plinth.db.migrate.ChecksumMismatchException;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.source.MigrationScript;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the scripts of applied revisions with the checksums recorded when they were applied. A
 * revision is applied when it is in the version table or below a revision that is; revisions whose
 * source has no checksum (Java migrations) or that were stamped rather than run are not compared.
 */
final class AppliedChecksums {
  private final RevisionGraph graph;
  private final Map<String, MigrationScript> scripts;

  AppliedChecksums(RevisionGraph graph, Map<String, MigrationScript> scripts) {
    this.graph = graph;
    this.scripts = scripts;
  }

  /** The applied revisions for the version-table rows {@code heads}, bases first. */
  Set<String> applied(Set<String> heads) {
    Set<String> applied = new LinkedHashSet<>();
    for (String head : heads) {
      applied.addAll(graph.ancestors(head));
      applied.add(head);
    }
    return applied;
  }

  /** One mismatch per applied revision whose script no longer has its recorded checksum. */
  List<ChecksumMismatchException> mismatches(Set<String> heads, Map<String, String> recorded) {
    List<ChecksumMismatchException> found = new ArrayList<>();
    for (String id : applied(heads)) {
      MigrationScript script = scripts.get(id);
      String was = recorded.get(id);
      if (script == null || was == null || script.checksum().isEmpty()) {
        continue;
      }
      String now = script.checksum().get();
      if (!now.equals(was)) {
        found.add(new ChecksumMismatchException(script.info(), was, now));
      }
    }
    return found;
  }

  /**
   * Throws the first mismatch, with the others attached as suppressed exceptions.
   *
   * @throws ChecksumMismatchException if any applied script was edited
   */
  void verify(Set<String> heads, Map<String, String> recorded) {
    List<ChecksumMismatchException> found = mismatches(heads, recorded);
    if (!found.isEmpty()) {
      ChecksumMismatchException first = found.get(0);
      found.subList(1, found.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
