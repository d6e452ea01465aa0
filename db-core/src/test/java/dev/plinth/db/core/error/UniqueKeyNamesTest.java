package dev.plinth.db.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueKeyNamesTest {

  @Test
  void uniqNameGivesItsColumns() {
    assertThat(UniqueKeyNames.columns("uniq_items0name0deleted"))
        .contains(List.of("name", "deleted"));
  }

  @Test
  void mysql8TablePrefixIsIgnored() {
    assertThat(UniqueKeyNames.columns("items.uniq_items0name0deleted"))
        .contains(List.of("name", "deleted"));
  }

  @Test
  void otherNamesAndMalformedUniqNamesGiveNothing() {
    assertThat(UniqueKeyNames.columns("items_name_key")).isEmpty();
    assertThat(UniqueKeyNames.columns("PRIMARY")).isEmpty();
    assertThat(UniqueKeyNames.columns("uniq_items")).isEmpty();
    assertThat(UniqueKeyNames.columns("uniq_items0name00deleted")).isEmpty();
    assertThat(UniqueKeyNames.columns(null)).isEmpty();
  }
}
