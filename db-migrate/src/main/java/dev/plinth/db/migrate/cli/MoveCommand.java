package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.MigrationResult;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.RevisionGraph;
import dev.plinth.db.migrate.runner.OfflineScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code upgrade} and {@code downgrade} share: a target that may be an offline {@code FROM:TO}
 * range, {@code --plan} (the revisions that would run) and {@code --sql} (the script that would
 * run, for a backend, without connecting).
 */
abstract class MoveCommand extends MigrateCommand {

  @Parameters(
      index = "0",
      paramLabel = "TARGET",
      description =
          "Target revision (id, prefix, label, head(s), base, +N/-N, label@head, rev@+N), or"
              + " FROM:TO (FROM may list several revisions, comma-separated) to plan or render"
              + " without a database.")
  String target;

  @Option(
      names = "--plan",
      description = "Print the revisions that would run, in order, and run nothing.")
  boolean plan;

  @Option(
      names = "--sql",
      description = "Print the SQL script that would run (offline; no connection), run nothing.")
  boolean sql;

  @Option(
      names = "--dialect",
      paramLabel = "BACKEND",
      completionCandidates = Candidates.Backends.class,
      description = "Backend to render --sql for: ${COMPLETION-CANDIDATES} (default: from --url).")
  String dialect;

  @Override
  protected final int run() {
    if (plan && sql) {
      throw new UsageException("give --plan or --sql, not both");
    }
    requireNamed("TARGET", target);
    Optional<TargetRange> range = TargetRange.parse(target, project().graph());
    if (plan) {
      printIds(range.map(r -> offlinePlan(r).revisionIds()).orElseGet(this::onlinePlan));
    } else if (sql) {
      out().print(offlineScript().render(sqlPlan(range)));
    } else if (range.isPresent()) {
      throw new UsageException(
          "a FROM:TO range ('" + target + "') is only for --sql and --plan; give a plain target");
    } else {
      return migrate();
    }
    return ExitCodes.OK;
  }

  /** Plans from the version-table rows {@code from} to {@code to} on {@code graph}. */
  protected abstract MigrationPlan plan(RevisionGraph graph, Set<String> from, String to);

  /** The revisions that would run now on the database. */
  protected abstract List<String> plan(Migrator migrator, String target);

  /** Runs the command on the database. */
  protected abstract MigrationResult migrate(Migrator migrator, String target);

  /**
   * The plan for {@code --sql} without a range, or fails if the command needs a range there.
   *
   * @throws UsageException if this command's {@code --sql} needs a {@code FROM:TO} range
   */
  protected abstract MigrationPlan sqlPlanWithoutRange(RevisionGraph graph, String target);

  private OfflineScript offlineScript() {
    return new OfflineScript(
        project().dialect(Optional.ofNullable(dialect)),
        project().scriptsById(),
        project().versionTable());
  }

  private MigrationPlan offlinePlan(TargetRange range) {
    return plan(project().graph(), range.from(), range.to());
  }

  private MigrationPlan sqlPlan(Optional<TargetRange> range) {
    return range.isPresent()
        ? offlinePlan(range.get())
        : sqlPlanWithoutRange(project().graph(), target);
  }

  private List<String> onlinePlan() {
    try (Migrator migrator = project().migrator()) {
      return plan(migrator, target);
    }
  }

  private int migrate() {
    MigrationResult result;
    try (Migrator migrator = project().migrator()) {
      result = migrate(migrator, target);
    }
    if (json()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("revisions", result.revisionIds());
      fields.put("current", List.copyOf(new TreeSet<>(result.headsAfter())));
      printJson(fields);
    } else {
      result.revisionIds().forEach(out()::println);
      err()
          .println(
              result.revisionIds().size()
                  + " revision(s) run; the database is now at "
                  + result.headsAfter());
    }
    return ExitCodes.OK;
  }
}
