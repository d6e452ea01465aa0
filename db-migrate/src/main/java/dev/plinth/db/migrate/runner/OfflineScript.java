package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.SchemaChangeGuard;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.Direction;
import dev.plinth.db.migrate.graph.MigrationPlan;
import dev.plinth.db.migrate.graph.MigrationStep;
import dev.plinth.db.migrate.runner.HistoryEntry.Action;
import dev.plinth.db.migrate.runner.HistoryEntry.Outcome;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.migrate.source.StatementSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan as the SQL script the runner would execute, for a backend, without a database
 * (Alembic's offline {@code --sql} mode). The script matches the online runner: a transactional
 * revision is {@code BEGIN;}, its statements, its version-table change (the same statements, values
 * inlined: one {@code UPDATE} when a single head moves), its history row, {@code COMMIT;}; a
 * revision declared {@code transactional = false} runs its statements outside, then commits its
 * bookkeeping. Around each transactional revision stand the statements of the dialect's {@link
 * SchemaChangeGuard#script()}, as the runner runs its guard (SQLite: foreign keys off before {@code
 * BEGIN}, checked before {@code COMMIT}, on again after). A plan that starts from an empty version
 * table first creates the version and history tables. Every statement ends with {@code ;} (MySQL
 * routine bodies between {@code DELIMITER} lines), so the script runs in psql, mysql and sqlite3 as
 * it is.
 */
public final class OfflineScript {
  private final Dialect dialect;
  private final Map<String, MigrationScript> scripts;
  private final VersionTable versions;
  private final HistoryTable history;
  private final StatementSplitter client;
  private final SchemaChangeGuard.Script guard;

  /**
   * Creates a renderer.
   *
   * @param dialect the backend to render for
   * @param scripts every revision's script by id
   * @param versionTable the version table's name
   */
  public OfflineScript(Dialect dialect, Map<String, MigrationScript> scripts, String versionTable) {
    this.dialect = dialect;
    this.scripts = Map.copyOf(scripts);
    this.versions = new VersionTable(versionTable);
    this.history = new HistoryTable(MigrationRunner.historyTableFor(versionTable));
    this.client = StatementSplitter.forBackend(dialect.name());
    this.guard = dialect.schemaChangeGuard().script();
  }

  /**
   * Renders {@code plan}.
   *
   * @return the script, one statement per line group, each ending with {@code ;}
   * @throws MigrationException naming the revision and file if a revision cannot be rendered
   *     offline (it queries the database through {@code tx()}, or an operation needs the table's
   *     current shape)
   */
  public String render(MigrationPlan plan) {
    List<String> lines = new ArrayList<>();
    lines.add("-- plinth-migrate offline script for " + dialect.name());
    if (plan.steps().stream().anyMatch(step -> step.revision().transactional())) {
      guard.note().forEach(note -> lines.add("--" + note));
    }
    if (!plan.isEmpty() && createsTables(plan.steps().get(0))) {
      lines.add("");
      for (var table : List.of(versions.model(), history.model())) {
        dialect.ddl().createTable(table).forEach(sql -> lines.add(client.scriptStatement(sql)));
      }
    }
    for (MigrationStep step : plan.steps()) {
      lines.add("");
      lines.addAll(step(step));
    }
    return String.join("\n", lines) + "\n";
  }

  private static boolean createsTables(MigrationStep first) {
    return first.direction() == Direction.UPGRADE && first.headsBefore().isEmpty();
  }

  private List<String> step(MigrationStep step) {
    RevisionInfo info = step.revision();
    boolean up = step.direction() == Direction.UPGRADE;
    List<String> lines = new ArrayList<>();
    lines.add(
        "-- "
            + (up ? "upgrade " : "downgrade ")
            + info.id()
            + ": "
            + step.headsBefore()
            + " -> "
            + step.headsAfter()
            + (info.message().isEmpty() ? "" : ", " + info.message())
            + " ("
            + info.origin()
            + ")");
    if (info.transactional()) {
      addStatements(lines, guard.beforeBegin());
      lines.add("BEGIN;");
      addStatements(lines, body(step));
      addStatements(lines, bookkeeping(step));
      addStatements(lines, guard.beforeCommit());
      lines.add("COMMIT;");
      addStatements(lines, guard.afterEnd());
    } else {
      addStatements(lines, body(step));
      lines.add("BEGIN;");
      addStatements(lines, bookkeeping(step));
      lines.add("COMMIT;");
    }
    return lines;
  }

  private void addStatements(List<String> lines, List<String> statements) {
    statements.forEach(sql -> lines.add(client.scriptStatement(sql)));
  }

  private List<String> body(MigrationStep step) {
    MigrationScript script = scripts.get(step.revision().id());
    OfflineContext ctx = new OfflineContext(step.revision(), dialect);
    try {
      if (step.direction() == Direction.UPGRADE) {
        script.upgrade(ctx);
      } else {
        script.downgrade(ctx);
      }
    } catch (IllegalStateException e) {
      throw new MigrationException(
          step.revision().origin()
              + ": revision "
              + step.revision().id()
              + " cannot be rendered offline: "
              + e.getMessage(),
          e);
    }
    return ctx.statements();
  }

  private List<String> bookkeeping(MigrationStep step) {
    List<String> sql = new ArrayList<>();
    for (var change : versions.statements(dialect, step.headsBefore(), step.headsAfter())) {
      sql.add(
          inline(change.sql(), change.values().stream().map(this::literal).toArray(String[]::new)));
    }
    boolean up = step.direction() == Direction.UPGRADE;
    MigrationScript script = scripts.get(step.revision().id());
    sql.add(
        inline(
            history.insertSql(dialect),
            literal(step.revision().id()),
            literal((up ? Action.UPGRADE : Action.DOWNGRADE).column()),
            literal(up ? script.checksum().orElse(null) : null),
            "CURRENT_TIMESTAMP",
            "0",
            literal(Outcome.SUCCESS.column())));
    return sql;
  }

  private String literal(Object value) {
    return dialect.ddl().literal(value);
  }

  /** Replaces the {@code ?} marks of a statement whose text holds no other {@code ?}. */
  private static String inline(String sql, String... literals) {
    StringBuilder s = new StringBuilder();
    int next = 0;
    for (char c : sql.toCharArray()) {
      if (c == '?') {
        s.append(literals[next++]);
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }
}
