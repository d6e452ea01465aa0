package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.RowMapper;
import dev.plinth.db.core.error.InvalidSortKeyException;
import dev.plinth.db.core.paging.Page;
import dev.plinth.db.core.paging.Pagination;
import dev.plinth.db.core.paging.SortDirection;
import dev.plinth.db.core.paging.SortKey;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

class PaginationTest {
  private static final int ROWS = 60;
  private static final int LIMIT = 7;
  private static final String[] NAMES = {"a", "ab", "b", "ba", "c"};

  /** One row of {@code things}; name, size and flag may be NULL. */
  record Thing(int id, String name, Integer size, Boolean flag) {}

  private static final RowMapper<Thing> THING =
      rs -> {
        int size = rs.getInt("size");
        Integer sizeOrNull = rs.wasNull() ? null : size;
        boolean flag = rs.getBoolean("flag");
        Boolean flagOrNull = rs.wasNull() ? null : flag;
        return new Thing(rs.getInt("id"), rs.getString("name"), sizeOrNull, flagOrNull);
      };

  private static List<Thing> createThings(Database db) {
    List<Thing> things = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      things.add(
          new Thing(
              i,
              i % 7 == 0 ? null : NAMES[(i * 3) % NAMES.length],
              i % 5 == 0 ? null : (i * 7) % 4,
              i % 4 == 0 ? null : i % 3 == 0));
    }
    db.writer()
        .run(
            tx -> {
              tx.update(
                  "CREATE TABLE things (id INTEGER PRIMARY KEY, name VARCHAR(16),"
                      + " size INTEGER, flag BOOLEAN)");
              List<Object[]> rows = new ArrayList<>();
              things.forEach(t -> rows.add(new Object[] {t.id(), t.name(), t.size(), t.flag()}));
              tx.batch("INSERT INTO things (id, name, size, flag) VALUES (?, ?, ?, ?)", rows);
            });
    return things;
  }

  private static Function<Thing, Comparable<?>> column(String name) {
    switch (name) {
      case "id":
        return Thing::id;
      case "name":
        return Thing::name;
      case "size":
        return Thing::size;
      default:
        return Thing::flag;
    }
  }

  /** The order the sort keys define, computed in Java as the oracle. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Thing> order(List<SortKey> keys) {
    Comparator<Thing> order = (a, b) -> 0;
    for (SortKey k : keys) {
      Comparator<Comparable> values = Comparator.naturalOrder();
      if (!k.direction().ascending()) {
        values = values.reversed();
      }
      values =
          k.direction().nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      Function<Thing, Comparable> get = (Function) column(k.column());
      order = order.thenComparing(get, values);
    }
    return order;
  }

  private static Pagination query(List<SortKey> keys) {
    Pagination p = Pagination.of("things");
    for (SortKey k : keys) {
      p = p.sortBy(k.column(), k.direction());
    }
    return p;
  }

  /** The rows {@code query} returns in one fetch. */
  private static List<Thing> fetch(Database db, Pagination query) {
    return db.reader().call(tx -> query.fetch(tx, THING));
  }

  /** Pages through {@code query} and counts the markers that held a NULL. */
  private static List<Thing> pageThrough(Database db, Pagination query, int[] nullMarkers) {
    List<Thing> seen = new ArrayList<>();
    Map<String, Object> marker = null;
    for (int pages = 0; pages <= ROWS; pages++) {
      Pagination q = query.after(marker).limit(LIMIT);
      Page<Thing> page = db.reader().call(tx -> q.fetchPage(tx, THING));
      seen.addAll(page.rows());
      if (page.next().isEmpty()) {
        return seen;
      }
      marker = page.next().get();
      if (marker.containsValue(null)) {
        nullMarkers[0]++;
      }
    }
    throw new AssertionError("paging did not end after " + ROWS + " pages");
  }

  private static void assertPagesMatchOneQuery(
      Database db, List<Thing> things, List<SortKey> keys, Pagination query, int[] nullMarkers) {
    List<Thing> expected = things.stream().sorted(order(keys)).toList();
    List<Thing> whole = fetch(db, query);
    assertThat(whole).as("one query sorted by %s", keys).containsExactlyElementsOf(expected);
    assertThat(pageThrough(db, query, nullMarkers))
        .as("pages sorted by %s", keys)
        .containsExactlyElementsOf(expected);
  }

  /**
   * Opens the database with one pooled connection: an idle pooled SQLite connection sits inside an
   * IMMEDIATE transaction and would lock a second one out, and these tests are about SQL, not
   * pools.
   */
  private static Database open(TestDatabase backend) {
    return backend.open(b -> b.maxPoolSize(1));
  }

  @AllBackends
  void pagingThroughNullableKeysReturnsEveryRowOnceInOrder(TestDatabase backend) {
    List<List<SortKey>> orders = new ArrayList<>();
    for (SortDirection name : SortDirection.values()) {
      for (SortDirection size : SortDirection.values()) {
        for (SortDirection id : List.of(SortDirection.ASC, SortDirection.DESC)) {
          orders.add(
              List.of(new SortKey("name", name), new SortKey("size", size), new SortKey("id", id)));
        }
      }
    }
    assertThat(assertEveryOrderPagesAsOneQuery(backend, orders))
        .as("markers holding NULL")
        .isGreaterThan(50);
  }

  @AllBackends
  void pagingByABooleanKeyReturnsEveryRowOnceInOrder(TestDatabase backend) {
    assertEveryOrderPagesAsOneQuery(
        backend,
        Stream.of(SortDirection.values())
            .map(
                flag ->
                    List.of(
                        new SortKey("flag", flag),
                        new SortKey("size", SortDirection.DESC_NULLS_FIRST),
                        new SortKey("id", SortDirection.DESC)))
            .toList());
  }

  /**
   * Checks, for each of {@code orders} on a fresh {@code things} table, that paging returns what
   * one query returns; gives the number of page markers that held a NULL.
   */
  private static int assertEveryOrderPagesAsOneQuery(
      TestDatabase backend, List<List<SortKey>> orders) {
    Database db = open(backend);
    List<Thing> things = createThings(db);
    int[] nullMarkers = {0};
    for (List<SortKey> keys : orders) {
      assertPagesMatchOneQuery(db, things, keys, query(keys), nullMarkers);
    }
    return nullMarkers[0];
  }

  @AllBackends
  void callerGivenColumnsReplaceTheMetadataLookup(TestDatabase backend) {
    Database db = open(backend);
    List<Thing> things = createThings(db);
    List<SortKey> keys =
        List.of(
            new SortKey("size", SortDirection.ASC_NULLS_LAST),
            new SortKey("id", SortDirection.ASC));
    Pagination query = query(keys).columns(Set.of("id", "name", "size", "flag"));
    assertPagesMatchOneQuery(db, things, keys, query, new int[1]);
    assertThatThrownBy(
            () ->
                fetch(
                    db,
                    Pagination.of("things")
                        .sortBy("id", SortDirection.ASC)
                        .columns(Set.of("name"))))
        .isInstanceOf(InvalidSortKeyException.class);
  }

  @AllBackends
  void whereNarrowsThePages(TestDatabase backend) {
    Database db = open(backend);
    List<Thing> things = createThings(db);
    List<SortKey> keys = List.of(new SortKey("id", SortDirection.DESC));
    Pagination query = query(keys).where("size = ?", 1);
    List<Thing> expected =
        things.stream()
            .filter(t -> Integer.valueOf(1).equals(t.size()))
            .sorted(order(keys))
            .toList();
    assertThat(pageThrough(db, query, new int[1])).containsExactlyElementsOf(expected);
  }

  @AllBackends
  void unknownSortKeyIsRefusedBeforeTheQueryRuns(TestDatabase backend) {
    Database db = open(backend);
    createThings(db);
    assertThatThrownBy(
            () ->
                fetch(
                    db,
                    Pagination.of("things")
                        .sortBy("colour", SortDirection.ASC)
                        .sortBy("id", SortDirection.ASC)))
        .isInstanceOfSatisfying(
            InvalidSortKeyException.class, e -> assertThat(e.key()).isEqualTo("colour"))
        .hasMessageContaining("things");
  }

  /**
   * A sort key in another case names the column where the backend matches column names without
   * regard to case (SQLite, MySQL); PostgreSQL's quoted names keep their case, so it is refused.
   */
  @AllBackends
  void sortKeyInAnotherCaseIsTheColumnExceptOnPostgresql(TestDatabase backend) {
    Database db = open(backend);
    List<Thing> things = createThings(db);
    Pagination upper =
        Pagination.of("things").sortBy("NAME", SortDirection.ASC).sortBy("ID", SortDirection.ASC);
    if (backend.backend() == Backend.POSTGRESQL) {
      assertThatThrownBy(() -> fetch(db, upper)).isInstanceOf(InvalidSortKeyException.class);
      return;
    }
    List<SortKey> keys =
        List.of(new SortKey("name", SortDirection.ASC), new SortKey("id", SortDirection.ASC));
    List<Thing> expected = things.stream().sorted(order(keys)).toList();
    List<Thing> fetched = fetch(db, upper);
    assertThat(fetched).containsExactlyElementsOf(expected);
  }

  /**
   * The "may hold NULL" warning is for a last sort key that really may: not for {@code id INTEGER
   * PRIMARY KEY}, which sqlite-jdbc's result metadata reports nullable; but for {@code size}.
   */
  @AllBackends
  void nullWarningOnlyForALastSortKeyThatMayHoldNull(TestDatabase backend) {
    Database db = open(backend);
    createThings(db);
    String byId = stderrWhenSortedBy(db, "things", "id");
    String bySize = stderrWhenSortedBy(db, "things", "size");
    assertThat(byId).doesNotContain("may hold NULL");
    assertThat(bySize).contains("the last sort key size of things may hold NULL");
  }

  /**
   * A NOT NULL column that is not the primary key draws no warning either, although sqlite-jdbc's
   * result metadata reports it nullable too; its nullable neighbour does.
   */
  @AllBackends
  void noNullWarningForANotNullLastSortKey(TestDatabase backend) {
    Database db = open(backend);
    db.writer()
        .run(
            tx -> {
              tx.update(
                  "CREATE TABLE tags (id INTEGER PRIMARY KEY, code VARCHAR(16) NOT NULL,"
                      + " note VARCHAR(16))");
              tx.update("INSERT INTO tags (id, code, note) VALUES (1, 'a', NULL), (2, 'b', 'x')");
            });
    assertThat(stderrWhenSortedBy(db, "tags", "code")).doesNotContain("may hold NULL");
    assertThat(stderrWhenSortedBy(db, "tags", "note"))
        .contains("the last sort key note of tags may hold NULL");
  }

  /** What one page of {@code table} sorted by {@code column} wrote to System.err (slf4j-simple). */
  private static String stderrWhenSortedBy(Database db, String table, String column) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Pagination page = Pagination.of(table).sortBy(column, SortDirection.ASC).limit(3);
      db.reader().call(tx -> page.fetch(tx, rs -> rs.getObject(column)));
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
