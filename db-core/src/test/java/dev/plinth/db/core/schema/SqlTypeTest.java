package dev.plinth.db.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTypeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "int4|INTEGER",
        "int(11)|INTEGER",
        "INTEGER|INTEGER",
        "integer|INTEGER",
        "bigint(20)|BIGINT",
        "int8|BIGINT",
        "int2|SMALLINT",
        "tinyint(4)|SMALLINT",
        "tinyint(1)|BOOLEAN",
        "bool|BOOLEAN",
        "character varying(64)|VARCHAR(64)",
        "VARCHAR( 64 )|VARCHAR(64)",
        "character varying|TEXT",
        "longtext|TEXT",
        "numeric(10,2)|DECIMAL(10,2)",
        "decimal(10, 2)|DECIMAL(10,2)",
        "double precision|DOUBLE",
        "float8|DOUBLE",
        "real|FLOAT",
        "timestamp without time zone|TIMESTAMP",
        "datetime|TIMESTAMP",
        "bytea|BLOB",
        "longblob|BLOB",
        "date|DATE",
        "uuid|UUID",
        "timestamp with time zone|TIMESTAMP WITH TIME ZONE"
      })
  void backendSpellingsNormaliseToOnePortableType(String nativeType, String portable) {
    assertThat(SqlType.parse(nativeType).toString()).isEqualTo(portable);
  }

  @Test
  void spellingsOfTheSameTypeFromDifferentBackendsAreEqual() {
    assertThat(SqlType.parse("int4"))
        .isEqualTo(SqlType.parse("int(11)"))
        .isEqualTo(SqlType.parse("INTEGER"))
        .isEqualTo(SqlType.integer());
    assertThat(SqlType.parse("character varying(64)"))
        .isEqualTo(SqlType.parse("varchar(64)"))
        .isEqualTo(SqlType.varchar(64))
        .isNotEqualTo(SqlType.varchar(65));
    assertThat(SqlType.parse("tinyint(1)")).isEqualTo(SqlType.bool());
  }

  @Test
  void unknownTypesKeepTheirNameAndDifferFromEachOther() {
    assertThat(SqlType.parse("uuid").kind()).isEqualTo(SqlType.Kind.OTHER);
    assertThat(SqlType.parse("uuid")).isNotEqualTo(SqlType.parse("inet"));
  }

  @Test
  void anEnumKeepsItsValuesInOrderAndReadsBackFromMysqlsColumnType() {
    SqlType status = SqlType.enumeration("open", "it's", "closed");

    assertThat(status.values()).containsExactly("open", "it's", "closed");
    assertThat(status).hasToString("ENUM('open','it''s','closed')");
    assertThat(status.length()).isEqualTo(6);
    assertThat(SqlType.parse("enum('open','it''s','closed')")).isEqualTo(status);
    assertThat(SqlType.parse("enum('closed','open')"))
        .isNotEqualTo(SqlType.enumeration("open", "closed"));
    assertThat(SqlType.varchar(6).values()).isEmpty();
  }

  @Test
  void enumsWithoutValuesOrWithRepeatedOnesAreRefused() {
    assertThatThrownBy(SqlType::enumeration).hasMessageContaining("distinct values");
    assertThatThrownBy(() -> SqlType.enumeration("a", "a")).hasMessageContaining("[a, a]");
    assertThatThrownBy(() -> SqlType.enumeration("a\\b")).hasMessageContaining("backslash");
  }

  @Test
  void invalidSizesAreRefused() {
    assertThatThrownBy(() -> SqlType.varchar(0)).hasMessageContaining("VARCHAR length");
    assertThatThrownBy(() -> SqlType.decimal(4, 6)).hasMessageContaining("DECIMAL(4,6)");
  }
}
