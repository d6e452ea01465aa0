package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.autogenerate.GeneratedMigration;
import dev.plinth.db.migrate.autogenerate.MigrationClass;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A revision about to be written by {@code revision} or {@code merge}.
 *
 * @param id a fresh 12-hex-digit id
 * @param down the revisions it follows; empty for a new base
 * @param branchLabels its branch labels
 * @param dependsOn its cross-branch dependencies
 * @param phase {@code expand} or {@code contract}, if given
 * @param message its one-line message
 */
record NewRevision(
    String id,
    List<String> down,
    List<String> branchLabels,
    List<String> dependsOn,
    Optional<String> phase,
    String message) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Copies the lists and puts the message on one line. */
  NewRevision {
    down = List.copyOf(down);
    branchLabels = List.copyOf(branchLabels);
    dependsOn = List.copyOf(dependsOn);
    message = message.strip().replaceAll("\\s+", " ");
  }

  /** A 12-hex-digit id that no revision of {@code graph} has and no id of it starts with. */
  static String freshId(RevisionGraph graph) {
    while (true) {
      byte[] bytes = new byte[6];
      RANDOM.nextBytes(bytes);
      String id = HexFormat.of().formatHex(bytes);
      if (graph.revisions().stream().noneMatch(r -> r.id().startsWith(id))) {
        return id;
      }
    }
  }

  /** The message as a file-name fragment: lower-case words joined by underscores. */
  String slug() {
    String slug = message.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    slug = slug.replaceAll("^_+|_+$", "");
    return slug.length() > 40 ? slug.substring(0, 40).replaceAll("_+$", "") : slug;
  }

  /** The revision as a SQL migration file with empty sections. */
  String sqlFile() {
    StringBuilder s = new StringBuilder();
    s.append("-- revision: ").append(id).append('\n');
    header(s, "down_revision", down);
    header(s, "branch_labels", branchLabels);
    header(s, "depends_on", dependsOn);
    phase.ifPresent(p -> s.append("-- phase: ").append(p).append('\n'));
    s.append("-- message: ").append(message).append("\n\n");
    s.append("-- +upgrade\n\n-- +downgrade\n");
    return s.toString();
  }

  /**
   * The revision as a Java migration class named {@code className}, in the default package, with
   * {@code body}'s imports and method bodies.
   */
  String javaFile(String className, GeneratedMigration body) {
    RevisionInfo info =
        new RevisionInfo(
            id, down, branchLabels, dependsOn, phase.map(Phase::parse), message, className, true);
    return MigrationClass.source(info, className, body);
  }

  /** A Java class name from the message: {@code add items} → {@code AddItems}. */
  String className() {
    StringBuilder name = new StringBuilder();
    for (String word : slug().split("_")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return name.length() == 0 || !Character.isLetter(name.charAt(0))
        ? "Revision" + id + name
        : name.toString();
  }

  private static void header(StringBuilder s, String name, List<String> values) {
    if (!values.isEmpty()) {
      s.append("-- ").append(name).append(": ").append(String.join(", ", values)).append('\n');
    }
  }
}
