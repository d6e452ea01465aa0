package dev.plinth.db.testing.kit;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.TxAction;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SchemaDiff;
import dev.plinth.db.migrate.ChecksumMismatchException;
import dev.plinth.db.migrate.InvalidGraphException;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks a service's revisions on an empty database, as oslo.db's {@code WalkVersionsMixin} and
 * pytest-alembic's built-in tests do: from base to heads in one go, and one revision at a time up
 * and down. Each check throws an {@link AssertionError} whose message names the revision at fault,
 * the error or the differences, and the next step.
 *
 * <pre>{@code
 * try (Migrator migrator = Migrator.builder().database(db).locations("classpath:db").build()) {
 *   new MigrationWalk(db, migrator).downgradeLeavesNoTrace();
 * }
 * }</pre>
 */
public final class MigrationWalk {
  private final Database db;
  private final RevisionSteps steps;
  private final Migrator migrator;

  /**
   * A walk of {@code migrator}'s revisions on {@code db}, which must be empty.
   *
   * @param db the database the migrator runs on
   * @param migrator the service's revisions, built on {@code db}
   */
  public MigrationWalk(Database db, Migrator migrator) {
    this.db = db;
    this.migrator = migrator;
    this.steps = new RevisionSteps(db, migrator);
  }

  /**
   * Upgrades the empty database to the heads in one run, then checks that the version table names
   * exactly the heads and that no applied file differs from its checksum.
   *
   * @throws AssertionError naming the revision that failed, or what the version table holds
   */
  public void upgradesFromBaseToHeads() {
    try {
      migrator.upgrade("heads");
    } catch (RuntimeException e) {
      throw KitFailure.verdict("upgrade from base to heads failed")
          .error(e)
          .next(
              "fix the revision the error names; `plinth-migrate upgrade heads` on an empty"
                  + " database reproduces it")
          .toError();
    }
    Set<String> current = new TreeSet<>(migrator.current());
    Set<String> heads = new TreeSet<>(migrator.heads());
    if (!current.equals(heads)) {
      throw KitFailure.verdict(
              "after upgrade heads the database is at " + current + ", not at the heads " + heads)
          .next("check the revisions' down_revision headers with `plinth-migrate history`")
          .toError();
    }
    try {
      migrator.verifyChecksums();
    } catch (ChecksumMismatchException e) {
      throw KitFailure.verdict("an applied revision no longer matches its checksum")
          .error(e)
          .toError();
    }
  }

  /**
   * For every revision in upgrade order: reads the schema, upgrades the revision, downgrades it,
   * and checks the schema is what it was before the upgrade (no column, index, constraint or table
   * left behind or lost). Fails on the first revision that leaves a trace or cannot be downgraded.
   *
   * @throws AssertionError naming the revision and the typed differences
   */
  public void downgradeLeavesNoTrace() {
    for (RevisionInfo revision : steps.upgradeOrder()) {
      Schema before = steps.schema();
      step(revision, "upgrade", () -> steps.upgrade(revision));
      step(revision, "downgrade", () -> steps.downgrade(revision));
      SchemaDiff trace = before.diff(steps.schema());
      if (!trace.isEmpty()) {
        throw KitFailure.verdict(
                "revision "
                    + revision.id()
                    + ": the schema after its downgrade is not the schema"
                    + " before its upgrade")
            .block("revision", RevisionSteps.describe(revision))
            .block("differences", sentences(trace))
            .next("make the downgrade of " + revision.id() + " undo exactly what its upgrade does")
            .toError();
      }
      step(revision, "upgrade again", () -> steps.upgrade(revision));
    }
  }

  /**
   * The snake walk with data: for every revision in upgrade order, runs its {@code before} hooks,
   * upgrades it, runs its {@code after} hooks, downgrades it, upgrades it again and runs its {@code
   * after} hooks again. A revision that fails, or loses, truncates or mangles the rows its hooks
   * check, fails the walk.
   *
   * @throws AssertionError naming the revision, the step and the error
   * @throws IllegalArgumentException if a hook names a revision the graph does not have
   */
  public void walkWithData(DataHooks hooks) {
    Map<String, List<TxAction>> before = byId(hooks.before());
    Map<String, List<TxAction>> after = byId(hooks.after());
    for (RevisionInfo revision : steps.upgradeOrder()) {
      String id = revision.id();
      step(revision, "before hook", () -> run(before.get(id)));
      step(revision, "upgrade", () -> steps.upgrade(revision));
      step(revision, "after hook, after the upgrade", () -> run(after.get(id)));
      step(revision, "downgrade", () -> steps.downgrade(revision));
      step(revision, "upgrade after its downgrade", () -> steps.upgrade(revision));
      step(revision, "after hook, after down and up again", () -> run(after.get(id)));
    }
  }

  private Map<String, List<TxAction>> byId(Map<String, List<TxAction>> hooks) {
    Map<String, List<TxAction>> byId = new HashMap<>();
    hooks.forEach(
        (revision, list) -> {
          String id;
          try {
            id = migrator.graph().revision(revision).id();
          } catch (InvalidGraphException e) {
            throw new IllegalArgumentException(
                "a data hook names revision " + revision + ", which the graph does not have", e);
          }
          byId.computeIfAbsent(id, k -> new ArrayList<>()).addAll(list);
        });
    return byId;
  }

  private void run(List<TxAction> hooks) {
    if (hooks != null) {
      hooks.forEach(hook -> db.writer().run(hook));
    }
  }

  private static void step(RevisionInfo revision, String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | AssertionError e) {
      throw KitFailure.verdict("revision " + revision.id() + " failed in the walk, at: " + what)
          .block("revision", RevisionSteps.describe(revision))
          .error(e)
          .next(nextStep(what, revision))
          .toError();
    }
  }

  private static String nextStep(String what, RevisionInfo revision) {
    if (what.startsWith("after hook")) {
      return "revision "
          + revision.id()
          + " loses or changes rows the hook checks: make its upgrade (and downgrade) carry"
          + " existing rows over";
    }
    if (what.startsWith("before hook")) {
      return "fix the before hook of " + revision.id() + ": it runs on the schema below it";
    }
    return "run the revision's " + what.replace(" again", "") + " by hand to see the error";
  }

  private static List<String> sentences(SchemaDiff diff) {
    return diff.items().stream()
        .map(d -> d.describe("schema before", "schema after downgrade"))
        .toList();
  }
}
