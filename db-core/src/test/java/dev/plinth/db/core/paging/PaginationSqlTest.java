package dev.plinth.db.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.mysql.MysqlDialect;
import dev.plinth.db.core.dialect.sqlite.SqliteDialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaginationSqlTest {
  private static final Dialect SQLITE = new SqliteDialect();
  private static final List<SortKey> KEYS =
      List.of(
          new SortKey("name", SortDirection.ASC_NULLS_LAST), new SortKey("id", SortDirection.DESC));

  @Test
  void nullableKeysAreOrderedByTheirNullnessFirst() {
    assertThat(KeysetSql.orderBy(SQLITE, KEYS, Set.of("name")))
        .isEqualTo("(\"name\" IS NOT NULL) DESC, \"name\" ASC, \"id\" DESC");
    assertThat(
            KeysetSql.orderBy(
                new MysqlDialect(),
                List.of(new SortKey("size", SortDirection.DESC_NULLS_FIRST)),
                Set.of("size")))
        .isEqualTo("(`size` IS NULL) DESC, `size` DESC");
  }

  @Test
  void markerAfterNonNullValueAddsIsNullWhereNullsComeLast() {
    List<Object> args = new ArrayList<>();
    String sql =
        KeysetSql.after(SQLITE, KEYS, Map.of("name", "bolt", "id", 7), Set.of("name"), args);
    assertThat(sql)
        .isEqualTo("(((\"name\" > ? OR \"name\" IS NULL)) OR (\"name\" = ? AND \"id\" < ?))");
    assertThat(args).containsExactly("bolt", "bolt", 7);
  }

  @Test
  void nullMarkerValueIsComparedInItsSortPosition() {
    Map<String, Object> marker = new HashMap<>();
    marker.put("name", null);
    marker.put("id", 7);
    List<Object> args = new ArrayList<>();
    assertThat(KeysetSql.after(SQLITE, KEYS, marker, Set.of("name"), args))
        .isEqualTo("((\"name\" IS NULL AND \"id\" < ?))");
    assertThat(args).containsExactly(7);

    List<SortKey> nullsFirst = List.of(new SortKey("name", SortDirection.ASC));
    assertThat(KeysetSql.after(SQLITE, nullsFirst, marker, Set.of("name"), new ArrayList<>()))
        .isEqualTo("((\"name\" IS NOT NULL))");
  }

  @Test
  void nothingFollowsANullMarkerWhenNullsComeLastOnTheOnlyKey() {
    Map<String, Object> marker = new HashMap<>();
    marker.put("name", null);
    List<SortKey> keys = List.of(new SortKey("name", SortDirection.DESC));
    assertThat(KeysetSql.after(SQLITE, keys, marker, Set.of("name"), new ArrayList<>()))
        .isEqualTo("1 = 0");
  }

  @Test
  void directionsParseInOsloSpellingAndNameTheBadOne() {
    assertThat(SortDirection.parse("DESC-nullsfirst")).isEqualTo(SortDirection.DESC_NULLS_FIRST);
    assertThat(SortDirection.parse("asc")).isEqualTo(SortDirection.ASC);
    assertThatThrownBy(() -> SortDirection.parse("upward"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'upward'");
    assertThatThrownBy(() -> Pagination.of("items").sortBy("id", "asc-nullsmiddle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asc-nullsmiddle");
  }

  @Test
  void statementBindsFiltersMarkerAndLimitInOrder() {
    Pagination p =
        Pagination.of("items")
            .sortBy("id", SortDirection.ASC)
            .where("project_id = ?", 3)
            .after(Map.of("id", 10))
            .limit(20);
    List<Object> args = new ArrayList<>();
    assertThat(p.sql(SQLITE, Set.of(), args))
        .isEqualTo(
            "SELECT * FROM \"items\" WHERE (project_id = ?) AND ((\"id\" > ?))"
                + " ORDER BY \"id\" ASC LIMIT ?");
    assertThat(args).containsExactly(3, 10, 20);
  }

  @Test
  void markerMissingASortKeyIsRefused() {
    Pagination p =
        Pagination.of("items").sortBy("name", SortDirection.ASC).sortBy("id", SortDirection.ASC);
    assertThatThrownBy(() -> p.after(Map.of("id", 1)).sql(SQLITE, Set.of(), new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'name'");
  }
}
