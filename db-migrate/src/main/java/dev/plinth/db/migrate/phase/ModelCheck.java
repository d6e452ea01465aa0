package dev.plinth.db.migrate.phase;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SchemaIntrospector;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.PhaseRefusedException;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.runner.OfflineContext;
import dev.plinth.db.migrate.source.MigrationScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares what a contract revision removes with the tables and columns the service's models
 * declare. Names are compared without regard to case, as the backends fold them differently.
 */
final class ModelCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCheck.class);

  private final Schema models;

  ModelCheck(Schema models) {
    this.models = models;
  }

  /**
   * The model tables and columns present in the database, read on {@code tx} (uncommitted DDL
   * included).
   */
  Present present(Tx tx) {
    SchemaIntrospector introspector = tx.dialect().schemaIntrospector();
    Map<String, Set<String>> present = new TreeMap<>();
    for (Table model : models.tables().values()) {
      Optional<Table> live = introspector.table(tx, model.name());
      live.ifPresent(table -> present.put(key(table.name()), columnsOf(table)));
    }
    return new Present(present);
  }

  /**
   * Refuses {@code revision} if a model table or column present {@code before} it ran is missing
   * {@code after}.
   *
   * @throws PhaseRefusedException naming the revision and what it dropped
   */
  void refuseIfGone(RevisionInfo revision, Present before, Present after) {
    List<String> gone = new ArrayList<>();
    before.columns.forEach(
        (table, columns) -> {
          Set<String> left = after.columns.get(table);
          if (left == null) {
            gone.add("table " + table);
          } else {
            columns.stream().filter(c -> !left.contains(c)).forEach(c -> gone.add(table + "." + c));
          }
        });
    if (!gone.isEmpty()) {
      throw refusal(revision, gone, "Nothing of it was kept: its transaction rolled back");
    }
  }

  /**
   * Renders {@code script} offline and refuses it if it drops or renames a model table or column
   * present in the database. A script that needs a live transaction cannot be rendered; it is then
   * let through with a warning.
   *
   * @throws PhaseRefusedException naming the revision and what it would drop
   */
  void beforeRunning(Database db, MigrationScript script) {
    OfflineContext offline = new OfflineContext(script.info(), db.dialect());
    try {
      script.upgrade(offline);
    } catch (MigrationException e) {
      LOG.warn(
          "contract revision {} cannot be rendered offline ({}); its drops are checked only"
              + " after it ran, and {} cannot roll its DDL back",
          script.info().id(),
          e.getMessage(),
          db.dialect().name());
      return;
    }
    Present present = db.reader().call(this::present);
    List<String> gone = new ArrayList<>();
    DropStatements.parse(offline.statements())
        .forEach(
            (table, columns) -> {
              Set<String> live = present.columns.get(key(table));
              if (live != null && columns.isEmpty()) {
                gone.add("table " + key(table));
              } else if (live != null) {
                columns.stream()
                    .map(ModelCheck::key)
                    .filter(live::contains)
                    .forEach(c -> gone.add(key(table) + "." + c));
              }
            });
    if (!gone.isEmpty()) {
      throw refusal(
          script.info(), gone, "Checked before running it (offline rendering); nothing ran");
    }
  }

  private PhaseRefusedException refusal(RevisionInfo revision, List<String> gone, String kept) {
    return new PhaseRefusedException(
        revision.id(),
        String.format(
            "contract revision %s (%s) would drop %s, which the models still declare. Deploy"
                + " code whose models no longer use %s, register those models, then run the"
                + " contract phase again. %s",
            revision.id(),
            revision.origin(),
            String.join(", ", gone),
            gone.size() == 1 ? "it" : "them",
            kept));
  }

  private Set<String> columnsOf(Table live) {
    Set<String> declared = new TreeSet<>();
    models
        .table(live.name())
        .or(() -> models.tables().values().stream().filter(t -> same(t, live)).findFirst())
        .ifPresent(t -> t.columns().forEach(c -> declared.add(key(c.name()))));
    Set<String> present = new TreeSet<>();
    for (Column column : live.columns()) {
      if (declared.contains(key(column.name()))) {
        present.add(key(column.name()));
      }
    }
    return present;
  }

  private static boolean same(Table model, Table live) {
    return key(model.name()).equals(key(live.name()));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The model tables (lower-cased) present, each with its model columns present. */
  record Present(Map<String, Set<String>> columns) {}
}
