package dev.plinth.db.migrate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a revision declares about itself, whatever its source: its id, the revisions it follows
 * (none for a base, several for a merge), branch labels, cross-branch dependencies, its phase and
 * message, and where it came from (a file path or class name, used in every message about it).
 *
 * @param id the revision id, e.g. {@code 3f2a9c1b7d4e}
 * @param downRevisions the revisions this one follows, in declared order
 * @param branchLabels labels naming the branch this revision starts or belongs to
 * @param dependsOn revisions that must be applied before this one without being its parents
 * @param phase the online-upgrade phase, if declared
 * @param message a one-line description
 * @param origin the file or class that declared the revision
 * @param transactional whether the revision runs inside a transaction (the default)
 */
public record RevisionInfo(
    String id,
    List<String> downRevisions,
    List<String> branchLabels,
    List<String> dependsOn,
    Optional<Phase> phase,
    String message,
    String origin,
    boolean transactional) {
  /**
   * The longest revision id the version and history tables hold ({@code VARCHAR(32)}, Alembic's
   * width).
   */
  public static final int MAX_ID_LENGTH = 32;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");

  /** Validates and copies the lists. */
  public RevisionInfo {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          origin + ": revision id '" + id + "' must be letters, digits or underscores");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          origin
              + ": revision id '"
              + id
              + "' has "
              + id.length()
              + " characters; the version table holds at most "
              + MAX_ID_LENGTH);
    }
    downRevisions = List.copyOf(downRevisions);
    branchLabels = List.copyOf(branchLabels);
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(phase, "phase");
    message = message == null ? "" : message;
    Objects.requireNonNull(origin, "origin");
  }

  /** A revision with no down revision: the root of a branch. */
  public boolean isBase() {
    return downRevisions.isEmpty();
  }

  /** A revision with more than one down revision: it joins branches. */
  public boolean isMerge() {
    return downRevisions.size() > 1;
  }
}
