package dev.plinth.db.archive.internal;

import dev.plinth.db.archive.ArchiveException;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.schema.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Moves one batch of a table's soft-deleted rows, with the rows that reference them, into the
 * shadow tables, inside the caller's transaction. The batch is chosen by keyset (the next {@code
 * limit} keys above the last one seen, never OFFSET) and write-locked as it is read; the rows that
 * reference it are then collected, locked too, and every table of the family gets an {@code INSERT
 * INTO shadow_t ... SELECT} and a {@code DELETE} of the same rows, children before parents. The
 * batch's own rows are addressed by their key range, which the lock keeps exactly as read; residue
 * rows by their keys. Where the backend can ({@link Dialect#dataModifyingWith()}), copy and delete
 * are one statement, and a table that nothing references moves its whole batch, keyset step
 * included, in that one statement. Because all of it is one transaction, a crash leaves either the
 * whole batch moved or none of it.
 */
public final class BatchMover {
  private final TableGraph graph;
  private final DeletedRowFilter filter;
  private final boolean lockedRangesHold;

  /**
   * A mover over {@code graph} that picks rows with {@code filter}.
   *
   * @param graph the main tables and their foreign keys
   * @param filter which rows count as archivable
   * @param lockedRangesHold whether rows read with a lock make their whole key range stable until
   *     the transaction ends, so that no other row can come to match the filter inside it (true at
   *     REPEATABLE READ and above: InnoDB's next-key locks, a snapshot elsewhere); otherwise the
   *     batch's rows are addressed by their keys
   */
  public BatchMover(TableGraph graph, DeletedRowFilter filter, boolean lockedRangesHold) {
    this.graph = graph;
    this.filter = filter;
    this.lockedRangesHold = lockedRangesHold;
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
   * Moves the next batch of {@code root} within {@code range}.
   *
   * @throws ArchiveException if a table changed under the batch so that the counts disagree (the
   *     transaction must then roll back)
   * @throws dev.plinth.db.core.error.DbException if a statement fails
   */
  public Batch move(Tx tx, String root, KeyRange range, int limit) {
    if (tx.dialect().dataModifyingWith() && graph.children(root).isEmpty()) {
      return moveUnreferenced(tx, root, range, limit);
    }
    List<Map<String, Object>> parents = RowFamily.lockNext(tx, graph, root, filter, range, limit);
    if (parents.isEmpty()) {
      return new Batch(0, null, 0, Map.of());
    }
    Object lastKey = parents.get(parents.size() - 1).get(primaryKey(root));
    RowFamily family = RowFamily.collect(tx, graph, root, parents);
    boolean byRange =
        lockedRangesHold && graph.children(root).stream().noneMatch(TableGraph.Link::selfReference);
    Map<String, Integer> residue = new LinkedHashMap<>();
    for (String table : graph.childFirstOrder()) {
      int moving = family.rows(table).size();
      if (moving == 0) {
        continue;
      }
      if (table.equals(root) && byRange) {
        moveRange(tx, root, range.after(), lastKey, parents.size());
      } else {
        moveRows(tx, table, family);
      }
      int extra = moving - (table.equals(root) ? parents.size() : 0);
      if (extra > 0) {
        residue.put(table, extra);
      }
    }
    return new Batch(parents.size(), lastKey, parents.size(), residue);
  }

  /**
   * Splits the archivable keys of {@code table} into up to {@code parts} ranges of equal width that
   * together cover every key, for workers that archive one table side by side; the last range has
   * no end. One range when the key is not an integer, there are too few keys, or the table
   * references itself (a subtree may span ranges).
   *
   * @throws dev.plinth.db.core.error.DbException if the query fails
   */
  public List<KeyRange> split(Tx tx, String table, int parts) {
    if (graph.children(table).stream().anyMatch(TableGraph.Link::selfReference)) {
      return List.of(KeyRange.ALL);
    }
    String key = tx.dialect().quote(primaryKey(table));
    String sql =
        "SELECT MIN("
            + key
            + "), MAX("
            + key
            + ") FROM "
            + tx.dialect().quote(table)
            + " WHERE "
            + filter.sql();
    List<Object> bounds =
        tx.queryOne(
                sql,
                rs ->
                    Arrays.asList(
                        RowFamily.normalize(rs.getObject(1)), RowFamily.normalize(rs.getObject(2))),
                filter.argArray())
            .orElseThrow();
    if (parts < 2
        || !(bounds.get(0) instanceof Long low)
        || !(bounds.get(1) instanceof Long high)
        || high - low < parts) {
      return List.of(KeyRange.ALL);
    }
    List<KeyRange> ranges = new ArrayList<>();
    Object after = null;
    for (int i = 1; i < parts; i++) {
      long until = low + (high - low) * i / parts;
      ranges.add(new KeyRange(after, until));
      after = until;
    }
    ranges.add(new KeyRange(after, null));
    return ranges;
  }

  /**
   * Whether {@code root} has any row this mover would archive.
   *
   * @throws dev.plinth.db.core.error.DbException if the query fails
   */
  public boolean hasRows(Tx tx, String root) {
    return tx.queryOne(
            keysetSql(tx.dialect(), root, KeyRange.ALL, 1), rs -> true, filter.argArray())
        .isPresent();
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

  /**
   * One statement that picks the next batch of a table nothing references, moves it and returns how
   * many keys it picked, the highest of them, and how many rows moved. The delete addresses the
   * batch by its key range, {@code (after, highest picked]}, which one index range scan reads:
   * every part of the statement sees the same snapshot, in which the rows of that range matching
   * the filter are exactly the batch; a row changed since then is deleted only if it still matches
   * on its latest version, so the statement moves the batch or fewer rows, never others.
   */
  private Batch moveUnreferenced(Tx tx, String table, KeyRange range, int limit) {
    Dialect d = tx.dialect();
    String key = d.quote(primaryKey(table));
    String picked =
        filter.sql()
            + (range.after() == null ? "" : " AND " + key + " > ?")
            + " AND "
            + key
            + " <= (SELECT MAX("
            + key
            + ") FROM batch)";
    String sql =
        "WITH batch AS ("
            + keysetSql(d, table, range, limit)
            + "), "
            + moved(d, table, picked)
            + ", copied AS ("
            + copyFrom(d, table, "moved")
            + ") SELECT (SELECT COUNT(*) FROM batch), (SELECT MAX("
            + key
            + ") FROM batch), (SELECT COUNT(*) FROM moved)";
    List<Object> args = new ArrayList<>(filter.args());
    range.bind(args);
    args.addAll(filter.args());
    if (range.after() != null) {
      args.add(range.after());
    }
    return tx.queryOne(
            sql,
            rs ->
                new Batch(
                    rs.getInt(1), RowFamily.normalize(rs.getObject(2)), rs.getInt(3), Map.of()),
            args.toArray())
        .orElseThrow();
  }

  /** {@code SELECT key FROM table WHERE filter AND key in range ORDER BY key LIMIT limit}. */
  private String keysetSql(Dialect d, String table, KeyRange range, int limit) {
    String key = d.quote(primaryKey(table));
    return "SELECT "
        + key
        + " FROM "
        + d.quote(table)
        + " WHERE "
        + filter.sql()
        + range.sql(key)
        + " ORDER BY "
        + key
        + " LIMIT "
        + limit;
  }

  /**
   * Moves the batch's own rows of {@code table}: the rows matching the filter with a key in {@code
   * (afterKey, lastKey]}, which the batch has locked, so exactly {@code expected} of them.
   */
  private void moveRange(Tx tx, String table, Object afterKey, Object lastKey, int expected) {
    String key = tx.dialect().quote(primaryKey(table));
    List<Object> args = new ArrayList<>(filter.args());
    StringBuilder where = new StringBuilder(filter.sql());
    if (afterKey != null) {
      where.append(" AND ").append(key).append(" > ?");
      args.add(afterKey);
    }
    where.append(" AND ").append(key).append(" <= ?");
    args.add(lastKey);
    Object[] bind = args.toArray();
    move(tx, table, where.toString(), expected, (sql, n) -> tx.update(sql, bind), List.of(0));
  }

  /** Moves the rows of {@code table} in {@code family} by their keys, in deletion order. */
  private void moveRows(Tx tx, String table, RowFamily family) {
    String where = tx.dialect().quote(primaryKey(table)) + " IN (<in>)";
    Map<Object, Map<String, Object>> rows = family.rows(table);
    List<List<Object>> levels = deletionLevels(table, rows);
    List<Object> keys = new ArrayList<>(rows.keySet());
    move(
        tx,
        table,
        where,
        keys.size(),
        (sql, level) -> tx.updateIn(sql, level < 0 ? keys : levels.get(level)),
        IntStream.range(0, levels.size()).boxed().toList());
  }

  /** Runs a statement for one group of rows ({@code -1}: all of them) and counts the rows. */
  private interface Step {
    int run(String sql, int group);
  }

  /**
   * Copies and deletes the rows of {@code table} matching {@code where}, group by group, and checks
   * that exactly {@code expected} rows were copied and deleted: one statement per group where the
   * backend can delete and copy at once, else one copy of all groups and a delete per group.
   */
  private void move(
      Tx tx, String table, String where, int expected, Step step, List<Integer> groups) {
    Dialect d = tx.dialect();
    if (d.dataModifyingWith()) {
      String sql = "WITH " + moved(d, table, where) + " " + copyFrom(d, table, "moved");
      int moved = 0;
      for (int group : groups) {
        moved += step.run(sql, group);
      }
      expect(table, "moved", expected, moved);
      return;
    }
    String copy = copyFrom(d, table, d.quote(table) + " WHERE " + where);
    expect(table, "copied", expected, step.run(copy, -1));
    int deleted = 0;
    for (int group : groups) {
      deleted += step.run("DELETE FROM " + d.quote(table) + " WHERE " + where, group);
    }
    expect(table, "deleted", expected, deleted);
  }

  /** {@code moved AS (DELETE FROM table WHERE where RETURNING columns)}. */
  private String moved(Dialect d, String table, String where) {
    return "moved AS (DELETE FROM "
        + d.quote(table)
        + " WHERE "
        + where
        + " RETURNING "
        + columnList(d, table)
        + ")";
  }

  /** {@code INSERT INTO shadow_table (columns) SELECT columns FROM source}. */
  private String copyFrom(Dialect d, String table, String source) {
    String columns = columnList(d, table);
    return "INSERT INTO "
        + d.quote(ShadowModel.shadowName(table))
        + " ("
        + columns
        + ") SELECT "
        + columns
        + " FROM "
        + source;
  }

  private String columnList(Dialect d, String table) {
    return graph.table(table).orElseThrow().columns().stream()
        .map(Column::name)
        .map(d::quote)
        .collect(Collectors.joining(", "));
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
