package dev.plinth.db.testing.kit;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.List;
import java.util.Set;

/**
 * Moves a database one revision at a time and reads its schema, for the walks of the kit: the
 * revisions in the order an upgrade from base to heads runs them, the upgrade of one revision whose
 * ancestors are applied, and the downgrade of exactly that revision.
 *
 * @param db the database the revisions run on
 * @param migrator the migrator holding the revisions
 */
record RevisionSteps(Database db, Migrator migrator) {

  /** Every revision, in the order {@code upgrade heads} runs them on an empty database. */
  List<RevisionInfo> upgradeOrder() {
    RevisionGraph graph = migrator.graph();
    return graph.upgrade(Set.of(), "heads").revisionIds().stream().map(graph::revision).toList();
  }

  /** Upgrades {@code revision}, whose ancestors are applied. */
  void upgrade(RevisionInfo revision) {
    migrator.upgrade(revision.id());
  }

  /**
   * Downgrades {@code revision} alone, leaving the other branches as they are: to its first down
   * revision on its own branch ({@code rev@down}), or {@code rev@base} for a base.
   *
   * @throws IllegalStateException if that downgrade would run other revisions too
   */
  void downgrade(RevisionInfo revision) {
    String below = revision.isBase() ? "base" : revision.downRevisions().get(0);
    String target = revision.id() + "@" + below;
    List<String> plan = migrator.planDowngrade(target);
    if (!plan.equals(List.of(revision.id()))) {
      throw new IllegalStateException(
          "cannot downgrade revision "
              + revision.id()
              + " alone: downgrade "
              + target
              + " would run "
              + plan);
    }
    migrator.downgrade(target);
  }

  /** The database's tables, without the migrator's version and history tables. */
  Schema schema() {
    Schema all = db.reader().call(tx -> db.schema().readAll(tx));
    List<Table> own =
        all.tables().values().stream()
            .filter(t -> !migrator.ownTables().contains(t.name()))
            .toList();
    return Schema.of(own);
  }

  /** How a message names a revision: id, message and where it was declared. */
  static String describe(RevisionInfo revision) {
    return revision.id() + " \"" + revision.message() + "\" (" + revision.origin() + ")";
  }
}
