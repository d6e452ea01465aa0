package dev.plinth.db.migrate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.migrate.InvalidMigrationException;
import org.junit.jupiter.api.Test;

class LocationTest {

  @Test
  void parsesBothKinds() {
    assertThat(Location.parse("filesystem:db/migrations"))
        .isEqualTo(Location.filesystem("db/migrations"));
    assertThat(Location.parse(" classpath:/db/migration/ "))
        .isEqualTo(Location.classpath("db/migration"));
    assertThat(Location.classpath("db/migration")).hasToString("classpath:db/migration");
  }

  @Test
  void parseAllKeepsOrder() {
    assertThat(Location.parseAll("classpath:b, filesystem:/a,,"))
        .containsExactly(Location.classpath("b"), Location.filesystem("/a"));
  }

  @Test
  void unknownOrMissingPrefixIsRefusedNamingIt() {
    assertThatThrownBy(() -> Location.parse("s3:bucket/db"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining("'s3:bucket/db'")
        .hasMessageContaining("filesystem:DIR or classpath:path");
    assertThatThrownBy(() -> Location.parse("db/migration"))
        .isInstanceOf(InvalidMigrationException.class)
        .hasMessageContaining("'db/migration'");
    assertThatThrownBy(() -> Location.parse("filesystem:"))
        .isInstanceOf(InvalidMigrationException.class);
  }
}
