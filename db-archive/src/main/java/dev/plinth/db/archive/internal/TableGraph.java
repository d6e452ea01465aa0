package dev.plinth.db.archive.internal;

import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.softdelete.SoftDeleteColumns;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The main (non-shadow) tables of a schema and the foreign keys between them, seen from the parent
 * side: which tables must give up rows before a parent row can leave. Only single-column foreign
 * keys become {@link Link}s; a composite one is remembered as a reason the parent cannot be
 * archived.
 */
public final class TableGraph {
  /** The prefix that names a shadow table after its main table. */
  public static final String SHADOW_PREFIX = "shadow_";

  private final Map<String, Table> tables = new TreeMap<>();
  private final Map<String, List<Link>> children = new HashMap<>();
  private final Map<String, String> unsupported = new HashMap<>();
  private final List<String> childFirst;
  private final Set<String> cyclic;

  /**
   * A single-column foreign key: rows of {@code child} whose {@code childColumn} equals a parent
   * row's {@code parentColumn} must leave before (or with) that parent row.
   *
   * @param child the referencing table
   * @param childColumn the referencing column
   * @param parent the referenced table
   * @param parentColumn the referenced column
   */
  public record Link(String child, String childColumn, String parent, String parentColumn) {

    /** Whether the foreign key points from a table to itself. */
    public boolean selfReference() {
      return child.equals(parent);
    }
  }

  private TableGraph(Schema schema) {
    schema.tables().values().stream()
        .filter(t -> !t.name().startsWith(SHADOW_PREFIX))
        .forEach(t -> tables.put(t.name(), t));
    for (Table t : tables.values()) {
      for (ForeignKey fk : t.foreignKeys()) {
        if (!tables.containsKey(fk.referencedTable())) {
          continue;
        }
        if (fk.columns().size() != 1) {
          unsupported.put(
              fk.referencedTable(),
              "table "
                  + t.name()
                  + " references it with the composite foreign key "
                  + fk.columns());
          continue;
        }
        children
            .computeIfAbsent(fk.referencedTable(), k -> new ArrayList<>())
            .add(
                new Link(
                    t.name(),
                    fk.columns().get(0),
                    fk.referencedTable(),
                    fk.referencedColumns().get(0)));
      }
    }
    this.childFirst = new ArrayList<>();
    this.cyclic = sortChildFirst(childFirst);
  }

  /** The graph of the main tables of {@code schema}; tables named {@code shadow_*} are left out. */
  public static TableGraph of(Schema schema) {
    return new TableGraph(schema);
  }

  /** The main table called {@code name}, if there is one. */
  public Optional<Table> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The names of all main tables, sorted. */
  public Set<String> tableNames() {
    return tables.keySet();
  }

  /** The foreign keys that point at {@code parent}, its own self-references included. */
  public List<Link> children(String parent) {
    return children.getOrDefault(parent, List.of());
  }

  /** Why rows of {@code table} cannot be followed to their children, if they cannot. */
  public Optional<String> unsupportedReason(String table) {
    if (cyclic.contains(table)) {
      return Optional.of("table " + table + " is part of a foreign-key cycle between tables");
    }
    Table t = tables.get(table);
    if (t.primaryKey().size() != 1) {
      return Optional.of("table " + table + " has no single-column primary key");
    }
    return Optional.ofNullable(unsupported.get(table));
  }

  /** Whether {@code table} is soft-deletable: it has a {@code deleted} column. */
  public boolean softDeletable(String table) {
    return tables.get(table).column(SoftDeleteColumns.OSLO.deleted()).isPresent();
  }

  /** {@code root} and every table that references it, directly or through other tables. */
  public Set<String> family(String root) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      String t = todo.pop();
      if (seen.add(t)) {
        children(t).forEach(l -> todo.push(l.child()));
      }
    }
    return seen;
  }

  /** The tables that need a shadow table: the families of all soft-deletable tables, sorted. */
  public Set<String> needingShadows() {
    Set<String> out = new TreeSet<>();
    tables.keySet().stream().filter(this::softDeletable).forEach(t -> out.addAll(family(t)));
    return out;
  }

  /**
   * All tables, each after every table that references it (self-references aside); tables caught in
   * a cycle come last.
   */
  public List<String> childFirstOrder() {
    return childFirst;
  }

  private Set<String> sortChildFirst(List<String> out) {
    Map<String, Integer> pendingChildren = new TreeMap<>();
    tables.keySet().forEach(t -> pendingChildren.put(t, childTables(t).size()));
    Deque<String> ready = new ArrayDeque<>();
    pendingChildren.forEach((t, n) -> addIfReady(ready, t, n));
    while (!ready.isEmpty()) {
      String t = ready.poll();
      out.add(t);
      Table table = tables.get(t);
      parentTables(table)
          .forEach(p -> addIfReady(ready, p, pendingChildren.merge(p, -1, Integer::sum)));
    }
    Set<String> left = new LinkedHashSet<>(tables.keySet());
    out.forEach(left::remove);
    out.addAll(left);
    return left;
  }

  private static void addIfReady(Deque<String> ready, String table, int pending) {
    if (pending == 0) {
      ready.add(table);
    }
  }

  private Set<String> childTables(String parent) {
    Set<String> out = new LinkedHashSet<>();
    children(parent).stream().filter(l -> !l.selfReference()).forEach(l -> out.add(l.child()));
    return out;
  }

  private Set<String> parentTables(Table child) {
    Set<String> out = new LinkedHashSet<>();
    for (String p : tables.keySet()) {
      if (!p.equals(child.name()) && childTables(p).contains(child.name())) {
        out.add(p);
      }
    }
    return out;
  }
}
