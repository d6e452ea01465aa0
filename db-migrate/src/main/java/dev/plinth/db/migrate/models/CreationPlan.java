package dev.plinth.db.migrate.models;

import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DDL that creates every table of a schema on one backend, as SQLAlchemy's {@code
 * metadata.create_all()} orders it: a table after the tables its foreign keys reference (by name
 * where the order is free), each table followed by its indexes. Tables whose foreign keys form a
 * cycle cannot all come after each other: the table of the cycle with the fewest references still
 * pending is created first, and its keys to tables not yet created are either declared inline,
 * where the dialect lets CREATE TABLE reference a later table, or added by ALTER TABLE once every
 * table exists. The statements themselves are the dialect's {@link DdlRenderer}'s.
 */
public final class CreationPlan {
  private CreationPlan() {}

  /**
   * The steps that create {@code models} with {@code ddl}, in the order they must run.
   *
   * @throws MigrationException if a foreign key references a table no model declares or a column
   *     that table lacks; the message names the table and the key
   */
  public static List<DdlStep> of(Schema models, DdlRenderer ddl) {
    models.tables().values().forEach(t -> checkReferences(models, t));
    TreeMap<String, Table> pending = new TreeMap<>(models.tables());
    List<DdlStep> steps = new ArrayList<>();
    List<DdlStep> addedKeys = new ArrayList<>();
    while (!pending.isEmpty()) {
      Table next = next(pending);
      pending.remove(next.name());
      List<ForeignKey> later =
          next.foreignKeys().stream()
              .filter(f -> pending.containsKey(f.referencedTable()))
              .toList();
      Table created = next;
      if (!later.isEmpty() && !ddl.createTableMayReferenceLaterTables()) {
        created = withoutKeys(next, later);
        later.forEach(f -> addedKeys.add(addedKey(ddl, next.name(), f)));
      }
      steps.add(
          new DdlStep(
              next.name(),
              "table " + next.name(),
              ddl.createTable(withoutIndexes(created)),
              Optional.of(ddl.dropTable(next.name()))));
      for (Index index : next.indexes()) {
        steps.add(
            new DdlStep(
                next.name(),
                "index " + index.name() + " of table " + next.name(),
                List.of(ddl.createIndex(next.name(), index)),
                Optional.empty()));
      }
    }
    steps.addAll(addedKeys);
    return steps;
  }

  /**
   * The pending table to create next: the first by name whose references are all created, else the
   * first of the tables on a cycle with the fewest references still pending (a table that merely
   * depends on a cycle waits for it).
   */
  private static Table next(TreeMap<String, Table> pending) {
    Optional<Table> ready =
        pending.values().stream().filter(t -> pendingReferences(t, pending).isEmpty()).findFirst();
    return ready.orElseGet(
        () ->
            pending.values().stream()
                .filter(t -> onCycle(t.name(), pending))
                .min(Comparator.comparingInt((Table t) -> pendingReferences(t, pending).size()))
                .orElseThrow());
  }

  /** Whether the pending references lead from {@code start} back to it. */
  private static boolean onCycle(String start, TreeMap<String, Table> pending) {
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(pendingReferences(pending.get(start), pending));
    while (!todo.isEmpty()) {
      String table = todo.pop();
      if (table.equals(start)) {
        return true;
      }
      if (seen.add(table)) {
        todo.addAll(pendingReferences(pending.get(table), pending));
      }
    }
    return false;
  }

  private static Set<String> pendingReferences(Table table, TreeMap<String, Table> pending) {
    Set<String> referenced = new TreeSet<>();
    for (ForeignKey f : table.foreignKeys()) {
      if (!f.referencedTable().equals(table.name()) && pending.containsKey(f.referencedTable())) {
        referenced.add(f.referencedTable());
      }
    }
    return referenced;
  }

  private static DdlStep addedKey(DdlRenderer ddl, String table, ForeignKey key) {
    return new DdlStep(
        table,
        "foreign key " + keyName(key) + " of table " + table,
        List.of(ddl.addForeignKey(table, key)),
        Optional.ofNullable(key.name()).map(name -> ddl.dropForeignKey(table, name)));
  }

  private static void checkReferences(Schema models, Table table) {
    for (ForeignKey key : table.foreignKeys()) {
      Optional<Table> target = models.table(key.referencedTable());
      if (target.isEmpty()) {
        throw new MigrationException(
            "foreign key "
                + keyName(key)
                + " of table "
                + table.name()
                + " references table "
                + key.referencedTable()
                + ", which no model declares: declare it in the models, or drop the key");
      }
      for (String column : key.referencedColumns()) {
        if (target.get().column(column).isEmpty()) {
          throw new MigrationException(
              "foreign key "
                  + keyName(key)
                  + " of table "
                  + table.name()
                  + " references column "
                  + column
                  + ", which the model of table "
                  + key.referencedTable()
                  + " lacks: fix the key or the model");
        }
      }
    }
  }

  private static String keyName(ForeignKey key) {
    return key.name() != null
        ? key.name()
        : "(unnamed, on " + String.join(", ", key.columns()) + ")";
  }

  private static Table withoutKeys(Table t, List<ForeignKey> keys) {
    List<ForeignKey> kept = t.foreignKeys().stream().filter(f -> !keys.contains(f)).toList();
    return new Table(
        t.name(),
        t.columns(),
        t.primaryKey(),
        t.uniqueConstraints(),
        t.indexes(),
        kept,
        t.checks());
  }

  private static Table withoutIndexes(Table t) {
    return new Table(
        t.name(),
        t.columns(),
        t.primaryKey(),
        t.uniqueConstraints(),
        List.of(),
        t.foreignKeys(),
        t.checks());
  }
}
