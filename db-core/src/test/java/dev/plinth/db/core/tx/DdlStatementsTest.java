package dev.plinth.db.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DdlStatementsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE t (id INT)",
        "  alter table t add column x int",
        "-- widen\nDROP INDEX ix",
        "/* step 2 */ RENAME TABLE a TO b",
        "\n/* a */ -- b\n truncate t"
      })
  void schemaChangingStatementsAreDdl(String sql) {
    assertThat(DdlStatements.isDdl(sql)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "INSERT INTO created (x) VALUES (1)",
        "UPDATE t SET drop_count = 1",
        "-- CREATE TABLE in a comment\nDELETE FROM t",
        "createdAt",
        "SELECT 1"
      })
  void dataStatementsAreNotDdl(String sql) {
    assertThat(DdlStatements.isDdl(sql)).isFalse();
  }
}
