package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code downgrade TARGET}: runs, plans or renders a downgrade, as {@code alembic downgrade}. */
@Command(
    name = "downgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Downgrade the database to TARGET (base, -N, an id or prefix, label@base, rev@-N), one"
          + " transaction per revision.",
      "--plan prints the revisions that would run; --sql prints the script instead of running it"
          + " and needs FROM:TO (e.g. heads:base or ab12:-1).",
      "Examples: downgrade -1 | downgrade base --plan | downgrade cd34:base --sql --dialect mysql"
    })
final class DowngradeCommand extends MoveCommand {

  @Override
  protected MigrationPlan plan(RevisionGraph graph, Set<String> from, String to) {
    return graph.downgrade(from, to);
  }

  @Override
  protected List<String> plan(Migrator migrator, String target) {
    return migrator.planDowngrade(target);
  }

  @Override
  protected MigrationResult migrate(Migrator migrator, String target) {
    return migrator.downgrade(target);
  }

  /** An offline downgrade must be told where the database is, as in Alembic. */
  @Override
  protected MigrationPlan sqlPlanWithoutRange(RevisionGraph graph, String target) {
    throw new UsageException(
        "downgrade --sql needs FROM:TO, the revisions the database is at and the target (e.g."
            + " downgrade ab12:base --sql)");
  }
}
