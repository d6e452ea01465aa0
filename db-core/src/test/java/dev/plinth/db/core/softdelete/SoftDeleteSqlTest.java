package dev.plinth.db.core.softdelete;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.postgresql.PostgresDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftDeleteSqlTest {
  private static final Dialect PG = new PostgresDialect();

  @Test
  void softDeleteIsOneUpdateOfLiveRowsThatKeepsUpdatedAt() {
    assertThat(SoftDelete.of("items").where("project_id = ?", 1).where("size > ?", 2).sql(PG))
        .isEqualTo(
            "UPDATE \"items\" SET \"deleted\" = \"id\", \"deleted_at\" = ?,"
                + " \"updated_at\" = \"updated_at\" WHERE \"deleted\" = 0"
                + " AND (project_id = ?) AND (size > ?)");
  }

  @Test
  void tablesWithoutUpdatedAtOnlySetTheDeletionColumns() {
    SoftDeleteColumns columns = SoftDeleteColumns.OSLO.withoutUpdatedAt();
    assertThat(SoftDelete.of("items").columns(columns).where("1 = 1").sql(PG))
        .isEqualTo(
            "UPDATE \"items\" SET \"deleted\" = \"id\", \"deleted_at\" = ? WHERE \"deleted\" = 0"
                + " AND (1 = 1)");
  }

  @Test
  void rowStatesFilterOnTheQuotedDeletedColumn() {
    assertThat(RowState.LIVE.sql(PG)).isEqualTo("\"deleted\" = 0");
    assertThat(RowState.DELETED.sql(PG)).isEqualTo("\"deleted\" <> 0");
  }

  @Test
  void uniqueNamesFollowOsloAndParseBack() {
    UniqueName name = UniqueName.of("items", "name", "deleted");
    assertThat(name.constraintName()).isEqualTo("uniq_items0name0deleted");
    assertThat(UniqueName.parse("uniq_items0name0deleted")).contains(name);
    assertThat(UniqueName.parse("uniq_items0name").map(UniqueName::columns))
        .contains(List.of("name"));
    assertThat(UniqueName.parse("items_name_key")).isEmpty();
    assertThat(UniqueName.parse("uniq_items")).isEmpty();
    assertThat(UniqueName.parse("uniq_items00name")).isEmpty();
  }
}
