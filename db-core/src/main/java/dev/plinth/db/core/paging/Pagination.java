package dev.plinth.db.core.paging;

import dev.plinth.db.core.RowMapper;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.InvalidSortKeyException;
import dev.plinth.db.core.schema.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keyset-paginated query over one table, as oslo.db's {@code paginate_query}: rows are ordered by
 * the sort keys, and a page starts strictly after a marker (the sort-key values of the last row
 * seen), so no page costs more than the first and concurrent inserts never shift a page.
 *
 * <pre>{@code
 * Page<Item> page =
 *     Pagination.of("items")
 *         .sortBy("name", SortDirection.ASC_NULLS_LAST)
 *         .sortBy("id", SortDirection.ASC)
 *         .after(marker)
 *         .limit(20)
 *         .fetchPage(tx, Item::fromRow);
 * }</pre>
 *
 * <p>The caller must end the sort keys with a unique, non-NULL column (usually {@code id}):
 * otherwise rows that tie on every key may be skipped or repeated between pages. NULLs are ordered
 * as {@link SortDirection} says on every backend, and a NULL marker value is compared as a value in
 * its place (oslo.db skips it, which loses or repeats rows). Sort keys are checked against the
 * table's real columns, read from an empty {@code SELECT *} unless given with {@link #columns}.
 * Instances are immutable; each method returns a new one.
 */
public final class Pagination {
  private static final Logger LOG = LoggerFactory.getLogger(Pagination.class);

  private final String table;
  private final List<SortKey> keys;
  private final Map<String, Object> marker;
  private final int limit;
  private final List<String> filters;
  private final List<Object> filterArgs;
  private final Set<String> knownColumns;

  private Pagination(
      String table,
      List<SortKey> keys,
      Map<String, Object> marker,
      int limit,
      List<String> filters,
      List<Object> filterArgs,
      Set<String> knownColumns) {
    this.table = table;
    this.keys = keys;
    this.marker = marker;
    this.limit = limit;
    this.filters = filters;
    this.filterArgs = filterArgs;
    this.knownColumns = knownColumns;
  }

  /**
   * Starts a query over {@code table}, with no sort keys, marker, limit or filter yet.
   *
   * @throws NullPointerException if {@code table} is null
   */
  public static Pagination of(String table) {
    return new Pagination(
        Objects.requireNonNull(table, "table"), List.of(), null, 0, List.of(), List.of(), null);
  }

  /**
   * Adds a sort key after those already given.
   *
   * @throws IllegalArgumentException if the key was already given
   */
  public Pagination sortBy(String column, SortDirection direction) {
    SortKey key = new SortKey(column, direction);
    if (keys.stream().anyMatch(k -> k.column().equals(column))) {
      throw new IllegalArgumentException("sort key '" + column + "' is given twice");
    }
    List<SortKey> k = new ArrayList<>(keys);
    k.add(key);
    return new Pagination(table, List.copyOf(k), marker, limit, filters, filterArgs, knownColumns);
  }

  /**
   * Adds a sort key with oslo.db's direction spelling ({@code asc}, {@code desc-nullsfirst}, ...).
   *
   * @throws IllegalArgumentException naming the direction if it is unknown, or if the key was
   *     already given
   */
  public Pagination sortBy(String column, String direction) {
    return sortBy(column, SortDirection.parse(direction));
  }

  /**
   * Starts the page after the row whose sort-key values are {@code marker}; {@code null} means the
   * first page. NULL values are allowed and compared in their sort position.
   */
  public Pagination after(Map<String, ?> marker) {
    Map<String, Object> m =
        marker == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(marker));
    return new Pagination(table, keys, m, limit, filters, filterArgs, knownColumns);
  }

  /**
   * Returns at most {@code limit} rows.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public Pagination limit(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("page limit must be positive, not " + limit);
    }
    return new Pagination(table, keys, marker, limit, filters, filterArgs, knownColumns);
  }

  /**
   * Keeps only rows matching {@code sql}, a caller-written WHERE fragment whose {@code ?}
   * placeholders are bound to {@code values}; several calls are joined with AND.
   */
  public Pagination where(String sql, Object... values) {
    List<String> f = new ArrayList<>(filters);
    f.add(Objects.requireNonNull(sql, "sql"));
    List<Object> a = new ArrayList<>(filterArgs);
    a.addAll(Arrays.asList(values));
    return new Pagination(
        table, keys, marker, limit, List.copyOf(f), Collections.unmodifiableList(a), knownColumns);
  }

  /**
   * Declares the table's columns, so sort keys are checked against them without reading the table's
   * metadata; every sort key is then treated as nullable.
   */
  public Pagination columns(Collection<String> columns) {
    return new Pagination(table, keys, marker, limit, filters, filterArgs, Set.copyOf(columns));
  }

  /**
   * Runs the query in {@code tx} and maps each row.
   *
   * @throws InvalidSortKeyException if a sort key is not a column of the table
   * @throws IllegalStateException if no sort key was given
   * @throws IllegalArgumentException if the marker lacks a sort key, or a name cannot be quoted
   * @throws dev.plinth.db.core.error.DbException if the query fails
   */
  public <T> List<T> fetch(Tx tx, RowMapper<T> mapper) {
    return fetchPage(tx, mapper).rows();
  }

  /**
   * Runs the query in {@code tx}, maps each row and returns the marker of the next page with them.
   *
   * @throws InvalidSortKeyException if a sort key is not a column of the table
   * @throws IllegalStateException if no sort key was given
   * @throws IllegalArgumentException if the marker lacks a sort key, or a name cannot be quoted
   * @throws dev.plinth.db.core.error.DbException if the query fails
   */
  public <T> Page<T> fetchPage(Tx tx, RowMapper<T> mapper) {
    List<Object> args = new ArrayList<>();
    String sql = sql(tx.dialect(), nullableKeys(tx), args);
    List<Map<String, Object>> last = new ArrayList<>(1);
    List<T> rows =
        tx.query(
            sql,
            rs -> {
              Map<String, Object> values = new LinkedHashMap<>();
              for (SortKey k : keys) {
                values.put(k.column(), rs.getObject(k.column()));
              }
              last.clear();
              last.add(Collections.unmodifiableMap(values));
              return mapper.map(rs);
            },
            args.toArray());
    boolean full = limit > 0 && rows.size() == limit;
    return new Page<>(rows, full ? Optional.of(last.get(0)) : Optional.empty());
  }

  /** The SELECT statement, appending its bind values to {@code args}. */
  String sql(Dialect d, Set<String> nullable, List<Object> args) {
    List<String> where = new ArrayList<>();
    for (String f : filters) {
      where.add("(" + f + ")");
    }
    args.addAll(filterArgs);
    if (marker != null) {
      for (SortKey k : keys) {
        if (!marker.containsKey(k.column())) {
          throw new IllegalArgumentException(
              "the marker for " + table + " has no value for sort key '" + k.column() + "'");
        }
      }
      where.add(KeysetSql.after(d, keys, marker, nullable, args));
    }
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(d.quote(table));
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY ").append(KeysetSql.orderBy(d, keys, nullable));
    if (limit > 0) {
      sql.append(" LIMIT ?");
      args.add(limit);
    }
    return sql.toString();
  }

  private Set<String> nullableKeys(Tx tx) {
    if (keys.isEmpty()) {
      throw new IllegalStateException(
          "pagination of " + table + " needs sort keys, ending with a unique column such as id");
    }
    TableColumns columns =
        knownColumns == null
            ? TableColumns.read(tx, table)
            : TableColumns.allNullable(knownColumns);
    Set<String> nullable = new HashSet<>();
    for (SortKey k : keys) {
      if (!columns.contains(k.column())) {
        throw new InvalidSortKeyException(k.column(), table);
      }
      if (columns.nullable(k.column())) {
        nullable.add(k.column());
      }
    }
    String lastKey = keys.get(keys.size() - 1).column();
    if (knownColumns == null && nullable.contains(lastKey) && !mayHoldNull(tx, lastKey)) {
      nullable.remove(lastKey);
    }
    if (knownColumns == null && nullable.contains(lastKey)) {
      LOG.warn(
          "the last sort key {} of {} may hold NULL: end the keys with a unique non-NULL column "
              + "such as id, or rows that tie may be skipped or repeated between pages",
          lastKey,
          table);
    }
    return nullable;
  }

  /**
   * Whether the schema lets {@code column} hold NULL. Asked only when the result metadata says it
   * may, which sqlite-jdbc says of every column, even {@code INTEGER PRIMARY KEY} (the rowid).
   */
  private boolean mayHoldNull(Tx tx, String column) {
    return tx.dialect()
        .schemaIntrospector()
        .table(tx, table)
        .flatMap(t -> t.column(column))
        .map(Column::nullable)
        .orElse(true);
  }
}
