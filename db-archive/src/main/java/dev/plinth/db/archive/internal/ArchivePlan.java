package dev.plinth.db.archive.internal;

import dev.plinth.db.core.schema.Schema;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.softdelete.SoftDeleteColumns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Which tables one archive run walks, in which order, and which it refuses. The candidates are the
 * soft-deletable tables (those with a {@code deleted} column), or those asked for; they are walked
 * children first, so a table's own soft-deleted rows leave before its parents pull the remaining
 * children out as residue. A table is refused, and left untouched, when it or any table below it
 * lacks a matching shadow table or a single-column key.
 */
public final class ArchivePlan {
  private final TableGraph graph;
  private final List<String> tables = new ArrayList<>();
  private final Map<String, String> refused = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();

  private ArchivePlan(TableGraph graph) {
    this.graph = graph;
  }

  /**
   * Plans a run over {@code schema}.
   *
   * @param schema the live schema, shadow tables included
   * @param requested the tables to archive; empty for every soft-deletable table
   * @param byDeletedAt whether rows are picked by {@code deleted_at}, which tables must then have
   * @param shadowProblem how a table's shadow table falls short, if it does
   * @throws IllegalArgumentException if a requested table does not exist or is a shadow table
   */
  public static ArchivePlan of(
      Schema schema,
      Collection<String> requested,
      boolean byDeletedAt,
      BiFunction<Schema, String, Optional<String>> shadowProblem) {
    TableGraph graph = TableGraph.of(schema);
    requireKnown(graph, requested);
    ArchivePlan plan = new ArchivePlan(graph);
    for (String table : graph.childFirstOrder()) {
      boolean wanted = requested.isEmpty() ? graph.softDeletable(table) : requested.contains(table);
      if (!wanted) {
        continue;
      }
      if (!graph.softDeletable(table)) {
        plan.skipped.put(
            table,
            "table "
                + table
                + " skipped: it has no "
                + SoftDeleteColumns.OSLO.deleted()
                + " column, so nothing in it is soft-deleted");
        continue;
      }
      Optional<String> problem = plan.problem(schema, table, byDeletedAt, shadowProblem);
      if (problem.isPresent()) {
        plan.refused.put(table, problem.get());
      } else {
        plan.tables.add(table);
      }
    }
    return plan;
  }

  /**
   * Checks that every name in {@code requested} is a main table of {@code graph}.
   *
   * @throws IllegalArgumentException naming the first unknown table
   */
  public static void requireKnown(TableGraph graph, Collection<String> requested) {
    for (String name : requested) {
      if (graph.table(name).isEmpty()) {
        throw new IllegalArgumentException(
            "unknown table " + name + ": the database has no such table (shadow tables excluded)");
      }
    }
  }

  /** The foreign-key graph the plan was made from. */
  public TableGraph graph() {
    return graph;
  }

  /** The tables to archive, children first. */
  public List<String> tables() {
    return tables;
  }

  /**
   * The tables to archive in groups whose tables may be archived at the same time: no table of a
   * group references another of the group, directly or through other tables, and every group comes
   * after the groups of the tables that reference its tables. Children first, as {@link #tables()}.
   */
  public List<List<String>> waves() {
    Map<String, Integer> level = new HashMap<>();
    List<List<String>> waves = new ArrayList<>();
    for (String table : tables) {
      int l =
          graph.children(table).stream()
              .filter(link -> !link.selfReference())
              .map(link -> level.get(link.child()))
              .filter(Objects::nonNull)
              .mapToInt(childLevel -> childLevel + 1)
              .max()
              .orElse(0);
      level.put(table, l);
      while (waves.size() <= l) {
        waves.add(new ArrayList<>());
      }
      waves.get(l).add(table);
    }
    return waves.stream().map(List::copyOf).toList();
  }

  /** The requested tables that have nothing to archive (no {@code deleted} column), with why. */
  public Map<String, String> skipped() {
    return skipped;
  }

  /** The refused tables, each with its reason. */
  public Map<String, String> refused() {
    return refused;
  }

  private Optional<String> problem(
      Schema schema,
      String table,
      boolean byDeletedAt,
      BiFunction<Schema, String, Optional<String>> shadowProblem) {
    Table t = graph.table(table).orElseThrow();
    if (byDeletedAt && t.column(SoftDeleteColumns.OSLO.deletedAt()).isEmpty()) {
      return Optional.of(
          "table "
              + table
              + " has no "
              + SoftDeleteColumns.OSLO.deletedAt()
              + " column to compare");
    }
    for (String member : graph.family(table)) {
      Optional<String> reason =
          graph.unsupportedReason(member).or(() -> shadowProblem.apply(schema, member));
      if (reason.isPresent()) {
        String where = member.equals(table) ? "" : "its child table " + member + ": ";
        return Optional.of("table " + table + " refused, " + where + reason.get());
      }
    }
    return Optional.empty();
  }
}
