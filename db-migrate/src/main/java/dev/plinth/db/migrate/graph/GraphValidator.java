package dev.plinth.db.migrate.graph;

import dev.plinth.db.migrate.InvalidGraphException;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a revision list that cannot form a graph, naming every revision involved with its file:
 * duplicate ids, self references, unknown down revisions or dependencies, duplicate or clashing
 * branch labels and cycles (through down revisions or {@code depends_on}).
 */
final class GraphValidator {

  private final List<RevisionInfo> infos;
  private final Map<String, Integer> indexById = new HashMap<>();
  private final Map<String, Integer> labelOwner = new LinkedHashMap<>();

  private GraphValidator(List<RevisionInfo> infos) {
    this.infos = infos;
  }

  /**
   * Checks the revisions and returns the id index and the label owners.
   *
   * @throws InvalidGraphException at the first problem found
   */
  static GraphValidator check(List<RevisionInfo> infos) {
    GraphValidator validator = new GraphValidator(infos);
    validator.indexIds();
    validator.indexLabels();
    validator.checkReferences();
    new CycleFinder(validator).check();
    return validator;
  }

  Map<String, Integer> indexById() {
    return indexById;
  }

  Map<String, Integer> labelOwner() {
    return labelOwner;
  }

  /** The revision's id with its origin, as every message names it. */
  String describe(int index) {
    RevisionInfo info = infos.get(index);
    return "'" + info.id() + "' (" + info.origin() + ")";
  }

  /** Resolves a {@code depends_on} entry, which may name a revision id or a branch label. */
  int resolveDependency(String name) {
    Integer index = indexById.get(name);
    return index != null ? index : labelOwner.getOrDefault(name, -1);
  }

  private void indexIds() {
    for (int i = 0; i < infos.size(); i++) {
      Integer previous = indexById.putIfAbsent(infos.get(i).id(), i);
      if (previous != null) {
        throw new InvalidGraphException(
            "Revision id '"
                + infos.get(i).id()
                + "' is declared twice: in "
                + infos.get(previous).origin()
                + " and in "
                + infos.get(i).origin()
                + "; give one of them a new id");
      }
    }
  }

  private void indexLabels() {
    for (int i = 0; i < infos.size(); i++) {
      for (String label : infos.get(i).branchLabels()) {
        checkLabel(i, label);
        labelOwner.put(label, i);
      }
    }
  }

  private void checkLabel(int index, String label) {
    if (label.isBlank() || !label.matches("[^@,\\s]+")) {
      throw new InvalidGraphException(
          "Branch label '"
              + label
              + "' of revision "
              + describe(index)
              + " must not be empty or contain '@', ',' or spaces");
    }
    Integer clash = indexById.get(label);
    if (clash != null) {
      throw new InvalidGraphException(
          "Branch label '"
              + label
              + "' of revision "
              + describe(index)
              + " is also the id of revision "
              + describe(clash)
              + "; rename the label");
    }
    Integer owner = labelOwner.get(label);
    if (owner != null) {
      throw new InvalidGraphException(
          "Branch label '"
              + label
              + "' is declared by both revision "
              + describe(owner)
              + " and revision "
              + describe(index)
              + "; a label names one branch");
    }
  }

  private void checkReferences() {
    for (int i = 0; i < infos.size(); i++) {
      RevisionInfo info = infos.get(i);
      checkList(i, info.downRevisions(), "down revision");
      checkList(i, info.dependsOn(), "depends_on entry");
      for (String down : info.downRevisions()) {
        if (!indexById.containsKey(down)) {
          throw new InvalidGraphException(
              "Revision "
                  + describe(i)
                  + " has down revision '"
                  + down
                  + "', which no revision declares"
                  + hint(down));
        }
      }
      for (String dependency : info.dependsOn()) {
        if (resolveDependency(dependency) < 0) {
          throw new InvalidGraphException(
              "Revision "
                  + describe(i)
                  + " depends on '"
                  + dependency
                  + "', which is neither a revision id nor a branch label"
                  + hint(dependency));
        }
      }
    }
  }

  private void checkList(int index, List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name.equals(infos.get(index).id())) {
        throw new InvalidGraphException("Revision " + describe(index) + " names itself as " + what);
      }
      if (!seen.add(name)) {
        throw new InvalidGraphException(
            "Revision " + describe(index) + " lists " + what + " '" + name + "' twice");
      }
    }
  }

  private String hint(String name) {
    List<String> candidates = new ArrayList<>();
    for (RevisionInfo info : infos) {
      if (info.id().startsWith(name)) {
        candidates.add(info.id() + " (" + info.origin() + ")");
      }
    }
    return candidates.isEmpty()
        ? ""
        : "; references must use the full id, did you mean "
            + String.join(" or ", candidates)
            + "?";
  }

  List<RevisionInfo> infos() {
    return infos;
  }
}
