package dev.plinth.db.migrate.autogenerate;

import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.SchemaDifference;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.models.ModelComparison;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a {@link ModelComparison} into a {@link ChangePlan}: tables the database lacks are created
 * parents first, tables both sides have are changed by one batch each (parents first), and tables
 * only the database has are dropped children first, after the changes that drop the foreign keys
 * pointing at them.
 */
final class ChangePlanner {

  private ChangePlanner() {}

  /** The plan that brings the compared database to the models. */
  static ChangePlan plan(ModelComparison comparison) {
    Notes notes = new Notes();
    List<Table> created = new ArrayList<>();
    List<Table> dropped = new ArrayList<>();
    Map<String, List<SchemaDifference>> inside = new LinkedHashMap<>();
    for (SchemaDifference d : comparison.diff().items()) {
      switch (d.kind()) {
        case MISSING_TABLE -> created.add(comparison.models().tables().get(d.table()));
        case EXTRA_TABLE -> dropped.add(comparison.database().tables().get(d.table()));
        default -> inside.computeIfAbsent(d.table(), t -> new ArrayList<>()).add(d);
      }
    }
    noteLikelyRenames(created, dropped, notes);
    List<SchemaChange> upgrade = new ArrayList<>();
    byName(created, ForeignKeyOrder.parentsFirst(created))
        .forEach(t -> upgrade.add(new SchemaChange.WholeTable(t, true)));
    List<Table> changed = inside.keySet().stream().map(comparison.models().tables()::get).toList();
    for (String name : ForeignKeyOrder.parentsFirst(changed)) {
      List<TableStep> steps =
          TablePlanner.steps(
              comparison.models().tables().get(name),
              comparison.database().tables().get(name),
              inside.get(name),
              notes,
              referencing(comparison, name));
      upgrade.addAll(batches(name, steps));
    }
    List<String> childrenFirst = ForeignKeyOrder.parentsFirst(dropped);
    Collections.reverse(childrenFirst);
    byName(dropped, childrenFirst).forEach(t -> upgrade.add(new SchemaChange.WholeTable(t, false)));
    return new ChangePlan(upgrade, notes.lines());
  }

  /**
   * The batches that make {@code steps} on {@code table}: one, or two when a foreign key is dropped
   * and added again under its name, the drops first. MariaDB cannot drop and add a foreign key of
   * one name in one ALTER TABLE, which a batch becomes there.
   */
  private static List<SchemaChange> batches(String table, List<TableStep> steps) {
    if (steps.isEmpty()) {
      return List.of();
    }
    List<TableStep> drops =
        steps.stream()
            .filter(
                s -> s instanceof TableStep.Part d && !d.adding() && d.part() instanceof ForeignKey)
            .toList();
    boolean readded =
        steps.stream()
            .anyMatch(
                s ->
                    s instanceof TableStep.Part a
                        && a.adding()
                        && a.part() instanceof ForeignKey added
                        && added.name() != null
                        && drops.stream().anyMatch(d -> added.name().equals(foreignKeyName(d))));
    if (!readded) {
      return List.of(new SchemaChange.AlterTable(table, steps));
    }
    List<TableStep> rest = steps.stream().filter(s -> !drops.contains(s)).toList();
    return List.of(
        new SchemaChange.AlterTable(table, drops), new SchemaChange.AlterTable(table, rest));
  }

  private static String foreignKeyName(TableStep dropped) {
    return ((ForeignKey) ((TableStep.Part) dropped).part()).name();
  }

  /** The foreign keys, in the models or the database, that reference {@code table}. */
  private static List<String> referencing(ModelComparison comparison, String table) {
    Set<String> found = new TreeSet<>();
    for (Schema side : List.of(comparison.models(), comparison.database())) {
      for (Table t : side.tables().values()) {
        t.foreignKeys().stream()
            .filter(fk -> fk.referencedTable().equalsIgnoreCase(table))
            .forEach(
                fk ->
                    found.add(
                        "foreign key "
                            + fk.columns()
                            + " -> "
                            + fk.referencedTable()
                            + fk.referencedColumns()
                            + " of "
                            + t.name()));
      }
    }
    return List.copyOf(found);
  }

  /** A table dropped and one created with the same columns may be a rename. */
  private static void noteLikelyRenames(List<Table> created, List<Table> dropped, Notes notes) {
    for (Table added : created) {
      for (Table gone : dropped) {
        if (columnNames(added).equals(columnNames(gone))) {
          notes.add(
              "table "
                  + gone.name()
                  + " is dropped and "
                  + added.name()
                  + " created with the same columns: if that is a rename, replace both with"
                  + " renameTable to keep the data");
        }
      }
    }
  }

  private static List<String> columnNames(Table t) {
    return t.columns().stream().map(c -> c.name()).toList();
  }

  private static List<Table> byName(List<Table> tables, List<String> order) {
    Map<String, Table> index = new LinkedHashMap<>();
    tables.forEach(t -> index.put(t.name(), t));
    return order.stream().map(index::get).toList();
  }
}
