package dev.plinth.db.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Column} and {@link SqlType} write equals and hashCode out by hand; each must still tell
 * apart two values that differ in any one component, and agree on equal ones.
 */
class ValueEqualityTest {
  private static final Column BASE =
      new Column("qty", SqlType.varchar(10), true, "'0'", false, "NOCASE");

  @Test
  void columnsDifferingInAnyComponentAreUnequal() {
    assertThat(BASE)
        .isNotEqualTo(BASE.named("other"))
        .isNotEqualTo(BASE.type(SqlType.varchar(11)))
        .isNotEqualTo(BASE.notNull())
        .isNotEqualTo(BASE.serverDefault("'1'"))
        .isNotEqualTo(BASE.withAutoIncrement())
        .isNotEqualTo(BASE.collation(null))
        .isNotEqualTo(null)
        .isNotEqualTo("qty");
    assertThat(BASE.getClass().getRecordComponents()).hasSize(6);
  }

  @Test
  void equalColumnsHaveEqualHashCodes() {
    Column same = new Column("qty", SqlType.varchar(10), true, "'0'", false, "NOCASE");
    assertThat(same).isEqualTo(BASE).hasSameHashCodeAs(BASE);
  }

  @Test
  void typesDifferingInAnyComponentAreUnequal() {
    SqlType decimal = SqlType.decimal(10, 2);
    assertThat(decimal)
        .isNotEqualTo(SqlType.decimal(11, 2))
        .isNotEqualTo(SqlType.decimal(10, 3))
        .isNotEqualTo(new SqlType(SqlType.Kind.OTHER, 10, 2, "DECIMAL"))
        .isNotEqualTo(new SqlType(SqlType.Kind.DECIMAL, 10, 2, "NUMERIC"))
        .isEqualTo(SqlType.decimal(10, 2))
        .hasSameHashCodeAs(SqlType.decimal(10, 2));
    assertThat(SqlType.class.getRecordComponents()).hasSize(4);
  }
}
