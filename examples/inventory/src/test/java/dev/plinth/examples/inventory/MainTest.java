package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

  @AllBackends
  void theDemoLeavesTheSameThreeLiveItemsAndEmptyShadowsEachTimeItRuns(TestDatabase tdb) {
    String first = demo(tdb.url());
    assertThat(first)
        .contains("4 revision(s) applied", "the schema matches the models")
        .contains("refused    a second live nut")
        .doesNotContain("cleared");
    assertThat(demo(tdb.url()))
        .contains("already at head " + InventoryMigrations.DROP_ITEMS_TAGS)
        .contains("cleared    3 item(s) left by an earlier run");

    Database db = tdb.open();
    List<List<Object>> items =
        db.reader()
            .call(
                tx ->
                    tx.query(
                        "SELECT name, qty, deleted FROM items ORDER BY name",
                        rs -> List.of(rs.getString(1), rs.getInt(2), rs.getInt(3))));
    assertThat(items)
        .containsExactly(List.of("bolt", 120, 0), List.of("nut", 80, 0), List.of("washer", 500, 0));
    assertThat(new Inventory(db).find("nut")).map(Item::tags).hasValue(List.of("hardware", "m6"));
    long archived =
        db.reader()
            .call(
                tx ->
                    tx.count("SELECT * FROM shadow_items")
                        + tx.count("SELECT * FROM shadow_item_tags"));
    assertThat(archived).isZero();
    List<String> heads =
        db.reader()
            .call(tx -> tx.query("SELECT version_num FROM plinth_version", rs -> rs.getString(1)));
    assertThat(heads).containsExactly(InventoryMigrations.DROP_ITEMS_TAGS);
  }

  @Test
  void badUsageExitsWithTwoAndShowsTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            new String[] {"--uri", "jdbc:sqlite:x.db"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("usage: java -jar inventory-demo.jar [--url JDBC_URL]");
  }

  private static String demo(String url) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            new String[] {"--url", url},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
