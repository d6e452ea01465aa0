package dev.plinth.db.migrate.autogenerate;

import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Orders tables so that a table comes after the tables its foreign keys reference (parents first),
 * keeping name order where the keys leave a choice; a cycle is broken at the table met first.
 */
final class ForeignKeyOrder {
  private final Map<String, Table> tables = new TreeMap<>();
  private final Set<String> ordered = new LinkedHashSet<>();
  private final Set<String> visiting = new LinkedHashSet<>();

  private ForeignKeyOrder(List<Table> tables) {
    tables.forEach(t -> this.tables.put(t.name(), t));
  }

  /** The names of {@code tables}, parents before the tables that reference them. */
  static List<String> parentsFirst(List<Table> tables) {
    ForeignKeyOrder order = new ForeignKeyOrder(tables);
    order.tables.keySet().forEach(order::visit);
    return new ArrayList<>(order.ordered);
  }

  private void visit(String name) {
    if (ordered.contains(name) || !visiting.add(name)) {
      return;
    }
    for (ForeignKey fk : tables.get(name).foreignKeys()) {
      if (tables.containsKey(fk.referencedTable()) && !fk.referencedTable().equals(name)) {
        visit(fk.referencedTable());
      }
    }
    visiting.remove(name);
    ordered.add(name);
  }
}
