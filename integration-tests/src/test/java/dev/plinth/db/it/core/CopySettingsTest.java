package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.dialect.CopySettings;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.SqlType;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The session settings a table rebuild's copy runs with: on SQLite a 64 MiB page cache when a
 * unique key the copy fills is out of row order, nothing otherwise and nothing on the servers.
 */
class CopySettingsTest {
  private static final int ROWS = 2_000;
  private static final List<List<String>> NAME = List.of(List.of("name"));

  private static final Table ITEMS =
      Table.builder("items")
          .column(Column.of("id", SqlType.integer()).notNull())
          .column(Column.of("name", SqlType.varchar(40)).notNull())
          .column(Column.of("deleted", SqlType.integer()).notNull())
          .primaryKey("id")
          .unique(UniqueConstraint.of("uq_items0name0deleted", "deleted", "name"))
          .build();

  @AllBackends
  void outOfOrderKeyGetsA64MibPageCacheOnSqliteOnly(Database db, Backend backend) {
    Random random = new Random(7);
    items(db, i -> Long.toHexString(random.nextLong()) + "-" + i);
    CopySettings settings = settings(db, NAME);
    if (backend == Backend.SQLITE) {
      String cacheSize =
          db.writer()
              .call(tx -> tx.queryOne("PRAGMA cache_size", rs -> rs.getString(1)))
              .orElseThrow();
      assertThat(settings.before()).containsExactly("PRAGMA cache_size = -65536");
      assertThat(settings.after()).containsExactly("PRAGMA cache_size = " + cacheSize);
    } else {
      assertThat(settings).isEqualTo(CopySettings.NONE);
    }
  }

  @AllBackends(Backend.SQLITE)
  void keyOutOfOrderBehindAConstantColumnCountsOnSqlite(Database db) {
    Random random = new Random(11);
    items(db, i -> Long.toHexString(random.nextLong()) + "-" + i);
    assertThat(settings(db, List.of(List.of("deleted", "name"))).before())
        .containsExactly("PRAGMA cache_size = -65536");
  }

  @AllBackends
  void keysInRowOrderKeepTheCache(Database db) {
    items(db, i -> String.format("item%06d", i));
    assertThat(settings(db, List.of(List.of("id"), List.of("deleted", "name"))))
        .isEqualTo(CopySettings.NONE);
  }

  @AllBackends(Backend.SQLITE)
  void aLargerCacheIsKeptOnSqlite(Database db) {
    Random random = new Random(13);
    items(db, i -> Long.toHexString(random.nextLong()) + "-" + i);
    db.writer().run(tx -> tx.update("PRAGMA cache_size = -100000"));
    assertThat(settings(db, NAME)).isEqualTo(CopySettings.NONE);
  }

  @AllBackends(Backend.SQLITE)
  void anEmptyTableKeepsTheCacheOnSqlite(Database db) {
    items(db, i -> null);
    assertThat(settings(db, NAME)).isEqualTo(CopySettings.NONE);
  }

  /** Creates {@code items} with {@value #ROWS} live rows named by {@code name}, none if null. */
  private static void items(Database db, IntFunction<String> name) {
    db.writer().run(tx -> tx.dialect().ddl().createTable(ITEMS).forEach(tx::update));
    if (name.apply(0) == null) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      rows.add(new Object[] {i, name.apply(i)});
    }
    db.writer().run(tx -> tx.batch("INSERT INTO items (id, name, deleted) VALUES (?, ?, 0)", rows));
  }

  private static CopySettings settings(Database db, List<List<String>> keys) {
    return db.writer().call(tx -> tx.dialect().copySettings(tx, "items", keys));
  }
}
