package dev.plinth.db.migrate.phase;

import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.PhaseRefusedException;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.MigrationStep;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.runner.PlanShaper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an upgrade plan into the plan of one online-upgrade phase, refusing before anything runs.
 *
 * <ul>
 *   <li>{@code expand}: only the pending revisions tagged {@code expand}. Every pending revision
 *       one of them needs (down revisions and {@code depends_on}, transitively) must be tagged
 *       {@code expand} too; an untagged or contract revision there is refused by name, since only
 *       expand revisions promise that the old code keeps working.
 *   <li>{@code contract}: every pending revision, refused when a contract revision has an expand
 *       revision below it still pending (run the expand phase first) or while an online data
 *       migration still finds rows to migrate.
 * </ul>
 */
final class PhasePlanner {
  private final RevisionGraph graph;
  private final OnlineMigrationRunner dataMigrations;

  PhasePlanner(RevisionGraph graph, OnlineMigrationRunner dataMigrations) {
    this.graph = graph;
    this.dataMigrations = dataMigrations;
  }

  /** The shaper for {@code phase}; the whole plan when no phase is given. */
  PlanShaper shaper(Optional<Phase> phase) {
    if (phase.isEmpty()) {
      return PlanShaper.WHOLE;
    }
    return phase.get() == Phase.EXPAND ? this::expand : this::contract;
  }

  private MigrationPlan expand(Set<String> current, MigrationPlan plan) {
    Set<String> pending = new LinkedHashSet<>(plan.revisionIds());
    List<String> expands = new ArrayList<>();
    for (MigrationStep step : plan.steps()) {
      RevisionInfo revision = step.revision();
      if (phaseOf(revision) != Phase.EXPAND) {
        continue;
      }
      for (String needed : graph.ancestors(revision.id())) {
        RevisionInfo blocker = graph.revision(needed);
        if (pending.contains(needed) && phaseOf(blocker) != Phase.EXPAND) {
          throw new PhaseRefusedException(
              revision.id(),
              String.format(
                  "expand revision %s (%s) needs revision %s (%s), which is pending and tagged %s,"
                      + " not expand: it may break the old code, so the expand phase does not run"
                      + " it. Upgrade to %s with the old code stopped first, or tag it"
                      + " 'phase: expand' if the old code tolerates it",
                  revision.id(),
                  revision.origin(),
                  needed,
                  blocker.origin(),
                  blocker.phase().map(p -> p.name().toLowerCase()).orElse("with no phase"),
                  needed));
        }
      }
      expands.add(revision.id());
    }
    if (expands.isEmpty()) {
      return new MigrationPlan(List.of());
    }
    return graph.upgrade(current, String.join(" ", tips(expands)));
  }

  private MigrationPlan contract(Set<String> current, MigrationPlan plan) {
    Set<String> pending = new LinkedHashSet<>(plan.revisionIds());
    Optional<RevisionInfo> firstContract = Optional.empty();
    for (MigrationStep step : plan.steps()) {
      RevisionInfo revision = step.revision();
      if (phaseOf(revision) != Phase.CONTRACT) {
        continue;
      }
      firstContract = firstContract.or(() -> Optional.of(revision));
      for (String needed : graph.ancestors(revision.id())) {
        if (pending.contains(needed) && phaseOf(graph.revision(needed)) == Phase.EXPAND) {
          throw new PhaseRefusedException(
              revision.id(),
              String.format(
                  "contract revision %s (%s) cannot run: expand revision %s below it is still"
                      + " pending. Run 'upgrade --phase expand', deploy the new code, run"
                      + " 'online-data-migrations', then the contract phase",
                  revision.id(), revision.origin(), needed));
        }
      }
    }
    firstContract.ifPresent(
        revision -> ContractGuard.refuseWhileDataRemains(revision, dataMigrations));
    return plan;
  }

  /** The ids of {@code ids} that are not ancestors of another of them. */
  private List<String> tips(List<String> ids) {
    Set<String> below = new LinkedHashSet<>();
    ids.forEach(id -> below.addAll(graph.ancestors(id)));
    return ids.stream().filter(id -> !below.contains(id)).toList();
  }

  private static Phase phaseOf(RevisionInfo revision) {
    return revision.phase().orElse(null);
  }
}
