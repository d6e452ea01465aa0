package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code upgrade TARGET}: runs, plans or renders an upgrade, as {@code alembic upgrade}. */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Upgrade the database to TARGET (usually heads), one transaction per revision, after checking"
          + " that no applied SQL file was edited.",
      "--plan prints the revisions that would run; --sql prints the script instead of running it"
          + " (from base unless TARGET is FROM:TO); with FROM:TO neither needs a database.",
      "Examples: upgrade heads | upgrade heads --sql --dialect postgresql |"
          + " upgrade ab12,cd34:heads --plan --format json"
    })
final class UpgradeCommand extends MoveCommand {

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      completionCandidates = Candidates.Phases.class,
      description =
          "Online upgrade: expand runs only the pending expand revisions; contract runs the rest,"
              + " refused while an expand revision below a contract one is pending or an online"
              + " data migration has rows left. Not with --plan or --sql.")
  String phase;

  @Override
  protected MigrationPlan plan(RevisionGraph graph, Set<String> from, String to) {
    refusePhase("--sql");
    return graph.upgrade(from, to);
  }

  @Override
  protected List<String> plan(Migrator migrator, String target) {
    refusePhase("--plan");
    return migrator.planUpgrade(target);
  }

  @Override
  protected MigrationResult migrate(Migrator migrator, String target) {
    if (phase == null) {
      return migrator.upgrade(target);
    }
    try {
      return migrator.upgrade(target, Phase.parse(phase));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--phase: " + e.getMessage(), e);
    }
  }

  private void refusePhase(String option) {
    if (phase != null) {
      throw new UsageException("--phase cannot be combined with " + option);
    }
  }

  /** Without a range, the script starts from an empty database, as Alembic's does. */
  @Override
  protected MigrationPlan sqlPlanWithoutRange(RevisionGraph graph, String target) {
    refusePhase("--sql");
    return graph.upgrade(Set.of(), target);
  }
}
