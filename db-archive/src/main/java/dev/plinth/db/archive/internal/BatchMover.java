package dev.plinth.db.archive.internal;

import dev.plinth.db.archive.ArchiveException;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves one batch of a table's soft-deleted rows, with the rows that reference them, into the
 * shadow tables, inside the caller's transaction. The batch is chosen by keyset (the next {@code
 * limit} keys above the last one seen, never OFFSET), then locked and checked again; every table of
 * the family then gets one {@code INSERT INTO shadow_t ... SELECT ... WHERE key IN (...)} and a
 * {@code DELETE ... WHERE key IN (...)} of the same key set, children before parents. Because all
 * of it is one transaction, a crash leaves either the whole batch moved or none of it.
 */
public final class BatchMover {
  private final TableGraph graph;
  private final DeletedRowFilter filter;

  /**
   * A mover over {@code graph} that picks rows with {@code filter}.
   *
   * @param graph the main tables and their foreign keys
   * @param filter which rows count as archivable
   */
  public BatchMover(TableGraph graph, DeletedRowFilter filter) {
    this.graph = graph;
    this.filter = filter;
  }

  /**
   * What one batch did.
   *
   * @param selected how many keys the keyset step found (fewer than the limit: the table is done)
   * @param lastKey the highest key found, where the next batch starts; {@code null} if none
   * @param archived how many soft-deleted rows of the table moved
   * @param residue rows moved because they referenced a moved row, by table
   */
  public record Batch(int selected, Object lastKey, int archived, Map<String, Integer> residue) {

    /** Copies the map. */
    public Batch {
      residue = Map.copyOf(residue);
    }
  }

  /**
   * Moves the next batch of {@code root} after {@code afterKey} ({@code null}: from the start).
   *
   * @throws ArchiveException if a table changed under the batch so that the counts disagree (the
   *     transaction must then roll back)
   * @throws dev.plinth.db.core.error.DbException if a statement fails
   */
  public Batch move(Tx tx, String root, Object afterKey, int limit) {
    List<Object> keys = nextKeys(tx, root, afterKey, limit);
    if (keys.isEmpty()) {
      return new Batch(0, null, 0, Map.of());
    }
    String key = primaryKey(root);
    List<Map<String, Object>> parents = RowFamily.readRows(tx, graph, root, key, keys, filter);
    RowFamily family = RowFamily.collect(tx, graph, root, parents);
    Map<String, Integer> residue = new LinkedHashMap<>();
    for (String table : graph.childFirstOrder()) {
      Set<Object> moving = family.rows(table).keySet();
      if (!moving.isEmpty()) {
        moveRows(tx, table, family);
        int extra = moving.size() - (table.equals(root) ? parents.size() : 0);
        if (extra > 0) {
          residue.put(table, extra);
        }
      }
    }
    return new Batch(keys.size(), keys.get(keys.size() - 1), parents.size(), residue);
  }

  /**
   * Whether {@code root} has any row this mover would archive.
   *
   * @throws dev.plinth.db.core.error.DbException if the query fails
   */
  public boolean hasRows(Tx tx, String root) {
    return !nextKeys(tx, root, null, 1).isEmpty();
  }

  /**
   * How many rows of {@code root} this mover would archive.
   *
   * @throws dev.plinth.db.core.error.DbException if the query fails
   */
  public long count(Tx tx, String root) {
    return tx.count(
        "SELECT 1 FROM " + tx.dialect().quote(root) + " WHERE " + filter.sql(), filter.argArray());
  }

  private List<Object> nextKeys(Tx tx, String root, Object afterKey, int limit) {
    Dialect d = tx.dialect();
    String key = d.quote(primaryKey(root));
    List<Object> args = new ArrayList<>(filter.args());
    StringBuilder sql = new StringBuilder("SELECT ").append(key);
    sql.append(" FROM ").append(d.quote(root)).append(" WHERE ").append(filter.sql());
    if (afterKey != null) {
      sql.append(" AND ").append(key).append(" > ?");
      args.add(afterKey);
    }
    sql.append(" ORDER BY ").append(key).append(" LIMIT ").append(limit);
    return tx.query(sql.toString(), rs -> RowFamily.normalize(rs.getObject(1)), args.toArray());
  }

  private void moveRows(Tx tx, String table, RowFamily family) {
    Dialect d = tx.dialect();
    Table t = graph.table(table).orElseThrow();
    String columns =
        t.columns().stream().map(Column::name).map(d::quote).collect(Collectors.joining(", "));
    String key = d.quote(t.primaryKey().get(0));
    Set<Object> keys = family.rows(table).keySet();
    int copied =
        tx.updateIn(
            "INSERT INTO "
                + d.quote(ShadowModel.shadowName(table))
                + " ("
                + columns
                + ") SELECT "
                + columns
                + " FROM "
                + d.quote(table)
                + " WHERE "
                + key
                + " IN (<in>)",
            keys);
    expect(table, "copied", keys.size(), copied);
    int deleted = 0;
    for (List<Object> level : deletionLevels(table, family.rows(table))) {
      deleted +=
          tx.updateIn("DELETE FROM " + d.quote(table) + " WHERE " + key + " IN (<in>)", level);
    }
    expect(table, "deleted", keys.size(), deleted);
  }

  /**
   * The keys of {@code rows} in groups that can each be deleted by one statement: a row comes in a
   * group after every row of the table that references it (MySQL checks foreign keys row by row).
   */
  private List<List<Object>> deletionLevels(String table, Map<Object, Map<String, Object>> rows) {
    List<TableGraph.Link> selfLinks =
        graph.children(table).stream().filter(TableGraph.Link::selfReference).toList();
    if (selfLinks.isEmpty()) {
      return List.of(new ArrayList<>(rows.keySet()));
    }
    Map<Object, List<Object>> parentsOf = new HashMap<>();
    Map<Object, Integer> pendingChildren = new LinkedHashMap<>();
    rows.keySet().forEach(k -> pendingChildren.put(k, 0));
    for (TableGraph.Link link : selfLinks) {
      Map<Object, Object> keyByReferenced = new HashMap<>();
      rows.forEach((k, row) -> keyByReferenced.put(row.get(link.parentColumn()), k));
      rows.forEach(
          (k, row) -> {
            Object parent = keyByReferenced.get(row.get(link.childColumn()));
            if (parent != null && !parent.equals(k)) {
              parentsOf.computeIfAbsent(k, x -> new ArrayList<>()).add(parent);
              pendingChildren.merge(parent, 1, Integer::sum);
            }
          });
    }
    return peelLeaves(pendingChildren, parentsOf);
  }

  private static List<List<Object>> peelLeaves(
      Map<Object, Integer> pendingChildren, Map<Object, List<Object>> parentsOf) {
    List<List<Object>> levels = new ArrayList<>();
    while (!pendingChildren.isEmpty()) {
      List<Object> leaves =
          pendingChildren.entrySet().stream()
              .filter(e -> e.getValue() == 0)
              .map(Map.Entry::getKey)
              .toList();
      if (leaves.isEmpty()) {
        levels.add(new ArrayList<>(pendingChildren.keySet()));
        break;
      }
      leaves.forEach(pendingChildren::remove);
      for (Object leaf : leaves) {
        parentsOf
            .getOrDefault(leaf, List.of())
            .forEach(p -> pendingChildren.computeIfPresent(p, (k, n) -> n - 1));
      }
      levels.add(leaves);
    }
    return levels;
  }

  private String primaryKey(String table) {
    return graph.table(table).orElseThrow().primaryKey().get(0);
  }

  private static void expect(String table, String what, int expected, int actual) {
    if (expected != actual) {
      throw new ArchiveException(
          "table "
              + table
              + " changed during an archive batch: "
              + what
              + " "
              + actual
              + " rows, expected "
              + expected
              + "; the batch was rolled back, run again");
    }
  }
}
