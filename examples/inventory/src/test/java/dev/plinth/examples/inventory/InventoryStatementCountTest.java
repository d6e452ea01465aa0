package dev.plinth.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.StatementCounter;
import dev.plinth.db.testing.TestDatabase;
import java.util.List;

/**
 * The inventory's reads cost what their design says: a page of items with their tags is one
 * transaction and the same few statements however many items it holds (tags are loaded for the
 * whole page at once, not item by item), and adding an item is one transaction.
 */
class InventoryStatementCountTest {

  @AllBackends
  void aPageWithItsTagsIsOneTransactionOfStatementsThatDoNotGrowWithThePage(TestDatabase tdb) {
    StatementCounter counter = new StatementCounter();
    Inventory inventory = new Inventory(Migrated.atHeads(counter.open(tdb)));
    StatementCounter.Counts add =
        counter.count(() -> inventory.add("item0", 1, List.of("all", "even")));
    add.requireTransactions(1);
    for (int i = 1; i < 12; i++) {
      inventory.add("item" + i, i, List.of("all", i % 2 == 0 ? "even" : "odd"));
    }

    StatementCounter.Counts two =
        counter.count(() -> inventory.page(null, 2)).requireTransactions(1);
    StatementCounter.Counts ten =
        counter.count(() -> assertThat(inventory.page(null, 10).rows()).hasSize(10));
    ten.requireTransactions(1).requireStatements(two.statements().size());
  }

  @AllBackends
  void namesByTagAreOneStatement(TestDatabase tdb) {
    StatementCounter counter = new StatementCounter();
    Database db = Migrated.atHeads(counter.open(tdb));
    Inventory inventory = new Inventory(db);
    for (int i = 0; i < 5; i++) {
      inventory.add("bolt" + i, i, List.of("m6"));
    }
    counter
        .count(() -> assertThat(inventory.namesTagged("m6")).hasSize(5))
        .requireTransactions(1)
        .requireStatements(1);
  }
}
