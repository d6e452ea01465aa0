package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.CheckConstraintException;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.paging.Page;
import dev.plinth.db.testing.AllBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class InventoryTest {

  @AllBackends
  void aRemovedNameCanBeAddedAgainWhileALiveOneCannot(Database db) {
    Inventory inventory = new Inventory(Migrated.atHeads(db));
    long first = inventory.add("nut", 3, List.of());
    assertThatThrownBy(() -> inventory.add("nut", 1, List.of()))
        .isInstanceOfSatisfying(
            DuplicateEntryException.class,
            e -> assertThat(e.columns()).containsExactly("name", "deleted"));

    assertThat(inventory.remove("nut")).isTrue();
    assertThat(inventory.remove("nut")).as("already removed").isFalse();
    long second = inventory.add("nut", 7, List.of());

    List<List<Object>> nuts =
        db.reader()
            .call(
                tx ->
                    tx.query(
                        "SELECT id, deleted, qty, deleted_at IS NOT NULL FROM items"
                            + " WHERE name = 'nut' ORDER BY id",
                        rs ->
                            List.of(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4))));
    assertThat(nuts).containsExactly(List.of(first, first, 3, true), List.of(second, 0L, 7, false));
    assertThat(inventory.find("nut")).map(Item::id).hasValue(second);
  }

  @AllBackends
  void tagsAreCreatedOnceSharedAndReadBackSorted(Database db) {
    Inventory inventory = new Inventory(Migrated.atHeads(db));
    inventory.add("bolt", 1, List.of("m6", "hardware", "m6"));
    inventory.add("nut", 2, List.of("m6"));

    assertThat(inventory.find("bolt")).map(Item::tags).hasValue(List.of("hardware", "m6"));
    List<String> tags =
        db.reader()
            .call(tx -> tx.query("SELECT name FROM tags ORDER BY name", rs -> rs.getString(1)));
    assertThat(tags).containsExactly("hardware", "m6");
    assertThat(inventory.namesTagged("m6")).containsExactly("bolt", "nut");
    inventory.remove("nut");
    assertThat(inventory.namesTagged("m6")).containsExactly("bolt");
  }

  @AllBackends
  void pagesWalkTheLiveItemsByNameEachOnce(Database db) {
    Inventory inventory = new Inventory(Migrated.atHeads(db));
    for (String name : List.of("e", "d", "c", "b", "a")) {
      inventory.add(name, 1, List.of("t"));
    }
    inventory.remove("c");

    List<List<String>> pages = new ArrayList<>();
    Map<String, Object> marker = null;
    do {
      Page<Item> page = inventory.page(marker, 2);
      pages.add(page.rows().stream().map(Item::name).toList());
      assertThat(page.rows()).allSatisfy(i -> assertThat(i.tags()).containsExactly("t"));
      marker = page.next().orElse(null);
    } while (marker != null);

    assertThat(pages).containsExactly(List.of("a", "b"), List.of("d", "e"), List.of());
  }

  @AllBackends
  void stockNeverGoesNegative(Database db) {
    Inventory inventory = new Inventory(Migrated.atHeads(db));
    inventory.add("bolt", 2, List.of());

    assertThat(inventory.adjust("bolt", -2)).isTrue();
    assertThatThrownBy(() -> inventory.adjust("bolt", -1))
        .isInstanceOf(CheckConstraintException.class);
    assertThatThrownBy(() -> inventory.add("nut", -1, List.of()))
        .isInstanceOf(CheckConstraintException.class);
    assertThat(inventory.find("bolt")).map(Item::qty).hasValue(0);
    assertThat(inventory.find("nut")).isEmpty();
    assertThat(inventory.adjust("ghost", 1)).isFalse();
  }
}
