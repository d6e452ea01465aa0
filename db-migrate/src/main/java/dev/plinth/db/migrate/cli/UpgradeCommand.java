package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

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

  @Override
  protected MigrationPlan plan(RevisionGraph graph, Set<String> from, String to) {
    return graph.upgrade(from, to);
  }

  @Override
  protected List<String> plan(Migrator migrator, String target) {
    return migrator.planUpgrade(target);
  }

  @Override
  protected MigrationResult migrate(Migrator migrator, String target) {
    return migrator.upgrade(target);
  }

  /** Without a range, the script starts from an empty database, as Alembic's does. */
  @Override
  protected MigrationPlan sqlPlanWithoutRange(RevisionGraph graph, String target) {
    return graph.upgrade(Set.of(), target);
  }
}
