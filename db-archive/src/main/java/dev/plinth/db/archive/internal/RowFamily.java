package dev.plinth.db.archive.internal;

import dev.plinth.db.core.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows of one batch, by table: the soft-deleted parent rows and, following foreign keys down,
 * every row that references one of them, directly or through other rows (Nova's "residue"). Each
 * row is read with a write lock, so no new reference to a collected row can be committed until the
 * batch ends. Only the key and the columns other rows refer to are kept.
 */
final class RowFamily {
  private final Tx tx;
  private final TableGraph graph;
  private final Map<String, Map<Object, Map<String, Object>>> rows = new LinkedHashMap<>();

  private RowFamily(Tx tx, TableGraph graph) {
    this.tx = tx;
    this.graph = graph;
  }

  /** Collects {@code parents} of {@code root} and everything below them. */
  static RowFamily collect(
      Tx tx, TableGraph graph, String root, Collection<Map<String, Object>> parents) {
    RowFamily family = new RowFamily(tx, graph);
    record Pending(String table, List<Map<String, Object>> rows) {}
    Deque<Pending> todo = new ArrayDeque<>();
    todo.add(new Pending(root, family.addNew(root, parents)));
    while (!todo.isEmpty()) {
      Pending p = todo.poll();
      for (TableGraph.Link link : graph.children(p.table())) {
        List<Object> values = distinctValues(p.rows(), link.parentColumn());
        if (values.isEmpty()) {
          continue;
        }
        List<Map<String, Object>> found =
            readRows(tx, graph, link.child(), link.childColumn(), values);
        List<Map<String, Object>> fresh = family.addNew(link.child(), found);
        if (!fresh.isEmpty()) {
          todo.add(new Pending(link.child(), fresh));
        }
      }
    }
    return family;
  }

  /**
   * Reads, write-locked, the next {@code limit} rows of {@code table} in {@code range} that match
   * {@code filter}, by key: the key and every column another row refers to.
   */
  static List<Map<String, Object>> lockNext(
      Tx tx, TableGraph graph, String table, DeletedRowFilter filter, KeyRange range, int limit) {
    List<String> columns = columnsToRead(graph, table);
    String key = tx.dialect().quote(columns.get(0));
    List<Object> args = new ArrayList<>(filter.args());
    range.bind(args);
    StringBuilder sql = select(tx, table, columns).append(filter.sql()).append(range.sql(key));
    sql.append(" ORDER BY ").append(key).append(" LIMIT ").append(limit);
    sql.append(tx.dialect().lockRowsClause());
    return tx.query(sql.toString(), rs -> row(rs, columns), args.toArray());
  }

  /**
   * Reads, write-locked, the rows of {@code table} whose {@code column} is one of {@code values}:
   * the key and every column another row refers to.
   */
  private static List<Map<String, Object>> readRows(
      Tx tx, TableGraph graph, String table, String column, List<?> values) {
    List<String> columns = columnsToRead(graph, table);
    StringBuilder sql = select(tx, table, columns);
    sql.append(tx.dialect().quote(column)).append(" IN (<in>)");
    sql.append(tx.dialect().lockRowsClause());
    return tx.queryIn(sql.toString(), values, rs -> row(rs, columns));
  }

  private static StringBuilder select(Tx tx, String table, List<String> columns) {
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(columns.stream().map(tx.dialect()::quote).collect(Collectors.joining(", ")));
    return sql.append(" FROM ").append(tx.dialect().quote(table)).append(" WHERE ");
  }

  private static Map<String, Object> row(ResultSet rs, List<String> columns) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      row.put(columns.get(i), normalize(rs.getObject(i + 1)));
    }
    return row;
  }

  /** The tables that have rows in this family. */
  Set<String> tables() {
    return rows.keySet();
  }

  /** The rows of {@code table}, by key; empty when it has none. */
  Map<Object, Map<String, Object>> rows(String table) {
    return rows.getOrDefault(table, Map.of());
  }

  /** Keys compare equal across integer widths (an INTEGER child column, a BIGINT parent key). */
  static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return value;
  }

  private List<Map<String, Object>> addNew(String table, Collection<Map<String, Object>> found) {
    String key = graph.table(table).orElseThrow().primaryKey().get(0);
    Map<Object, Map<String, Object>> byKey =
        rows.computeIfAbsent(table, t -> new LinkedHashMap<>());
    List<Map<String, Object>> fresh = new ArrayList<>();
    for (Map<String, Object> row : found) {
      if (byKey.putIfAbsent(row.get(key), row) == null) {
        fresh.add(row);
      }
    }
    return fresh;
  }

  private static List<String> columnsToRead(TableGraph graph, String table) {
    Set<String> columns = new LinkedHashSet<>();
    columns.add(graph.table(table).orElseThrow().primaryKey().get(0));
    for (TableGraph.Link link : graph.children(table)) {
      columns.add(link.parentColumn());
      if (link.selfReference()) {
        columns.add(link.childColumn());
      }
    }
    return List.copyOf(columns);
  }

  private static List<Object> distinctValues(List<Map<String, Object>> rows, String column) {
    return rows.stream().map(r -> r.get(column)).filter(Objects::nonNull).distinct().toList();
  }
}
