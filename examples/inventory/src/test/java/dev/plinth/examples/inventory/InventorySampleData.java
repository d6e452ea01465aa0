package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.TxAction;
import dev.plinth.examples.inventory.migrations.TagsFromCsv;
import java.util.List;
import java.util.Map;

/**
 * Realistic rows for the migration walk: what to insert before a revision runs and what must hold
 * after it ran, keyed by revision id.
 */
public final class InventorySampleData {

  /** The inserts to run before upgrading to a revision, by revision id. */
  public Map<String, TxAction> before() {
    return Map.of(
        InventoryMigrations.QTY_NOT_NEGATIVE, this::insertItemsOfTheFirstRelease,
        InventoryMigrations.DROP_ITEMS_TAGS, this::runTheOnlineDataMigration);
  }

  /** The checks to run after upgrading to a revision, by revision id. */
  public Map<String, TxAction> after() {
    return Map.of(
        InventoryMigrations.QTY_NOT_NEGATIVE, this::checkMissingQuantitiesBecameZero,
        InventoryMigrations.CREATE_TAGS, this::checkItemsKeptTheirCsvTags,
        InventoryMigrations.DROP_ITEMS_TAGS, this::checkTagsAreLinked);
  }

  /** At {@link InventoryMigrations#CREATE_ITEMS}: items as the first release wrote them. */
  public void insertItemsOfTheFirstRelease(Tx tx) {
    tx.update(
        "INSERT INTO items (name, qty, tags) VALUES ('bolt', 120, 'hardware,m6'),"
            + " ('nut', NULL, 'hardware'), ('washer', 500, ''), ('spring', NULL, NULL)");
    tx.update("INSERT INTO items (name, qty, tags) VALUES ('rivet', 7, 'hardware')");
    tx.update("UPDATE items SET deleted = id, deleted_at = CURRENT_TIMESTAMP WHERE name = 'rivet'");
    tx.update(
        "INSERT INTO shadow_items (id, name, qty, tags, deleted, deleted_at)"
            + " VALUES (9000, 'gasket', NULL, 'rubber', 9000, CURRENT_TIMESTAMP)");
  }

  /** After {@link InventoryMigrations#QTY_NOT_NEGATIVE}. */
  public void checkMissingQuantitiesBecameZero(Tx tx) {
    assertThat(quantities(tx))
        .containsExactly(
            List.of("bolt", 120),
            List.of("nut", 0),
            List.of("rivet", 7),
            List.of("spring", 0),
            List.of("washer", 500));
    assertThat(tx.query("SELECT qty FROM shadow_items", rs -> rs.getInt(1))).containsExactly(0);
  }

  /** After {@link InventoryMigrations#CREATE_TAGS}, which must leave the old column alone. */
  public void checkItemsKeptTheirCsvTags(Tx tx) {
    checkCsvTagsAsFirstWritten(tx);
    assertThat(tx.count("SELECT * FROM item_tags")).isZero();
  }

  /** Before {@link InventoryMigrations#DROP_ITEMS_TAGS}: the operator's online data migration. */
  public void runTheOnlineDataMigration(Tx tx) {
    new TagsFromCsv().migrate(tx, 1000);
  }

  /** After {@link InventoryMigrations#DROP_ITEMS_TAGS}. */
  public void checkTagsAreLinked(Tx tx) {
    assertThat(
            tx.query(
                "SELECT i.name, t.name FROM items i JOIN item_tags it ON it.item_id = i.id"
                    + " JOIN tags t ON t.id = it.tag_id ORDER BY i.name, t.name",
                rs -> List.of(rs.getString(1), rs.getString(2))))
        .containsExactly(
            List.of("bolt", "hardware"),
            List.of("bolt", "m6"),
            List.of("nut", "hardware"),
            List.of("rivet", "hardware"));
    assertThat(quantities(tx)).hasSize(5);
  }

  /** After downgrading {@link InventoryMigrations#DROP_ITEMS_TAGS}: the old column is refilled. */
  public void checkCsvTagsAsFirstWritten(Tx tx) {
    assertThat(csvTags(tx))
        .containsExactly(
            List.of("bolt", "hardware,m6"),
            List.of("nut", "hardware"),
            List.of("rivet", "hardware"),
            List.of("spring", ""),
            List.of("washer", ""));
  }

  private static List<List<Object>> quantities(Tx tx) {
    return tx.query(
        "SELECT name, qty FROM items ORDER BY name", rs -> List.of(rs.getString(1), rs.getInt(2)));
  }

  private static List<List<String>> csvTags(Tx tx) {
    return tx.query(
        "SELECT name, tags FROM items ORDER BY name",
        rs -> List.of(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2)));
  }
}
