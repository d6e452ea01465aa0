package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.util.List;

class MapperTest {

  @AllBackends
  void annotatedMapperRunsInTheSameTransactionAsPlainSql(Database db) {
    ItemsTable.create(db);
    ItemsTable.assertWriterFails(
            db,
            tx -> {
              tx.mapper(ItemMapper.class).add("bolt", 3);
              assertThat(tx.count("SELECT * FROM items")).isEqualTo(1);
              tx.update("INSERT INTO items(name) VALUES ('nut')");
              assertThat(tx.mapper(ItemMapper.class).names()).containsExactly("bolt", "nut");
              throw new IllegalStateException("roll everything back");
            })
        .isInstanceOf(IllegalStateException.class);
    List<String> left = db.reader().call(tx -> tx.mapper(ItemMapper.class).names());
    assertThat(left).isEmpty();
  }

  @AllBackends
  void xmlMapperIsLoadedThroughTheMyBatisCustomizer(TestDatabase tdb) {
    Database db =
        ItemsTable.openWithMapper(tdb, b -> b.mybatis(c -> c.addMapper(ItemXmlMapper.class)));
    db.writer()
        .run(
            tx -> {
              tx.mapper(ItemMapper.class).add("a", 2);
              tx.mapper(ItemMapper.class).add("b", 5);
            });
    long total = db.reader().call(tx -> tx.mapper(ItemXmlMapper.class).totalQty());
    assertThat(total).isEqualTo(7L);
  }

  @AllBackends
  void aMyBatisCustomizerThatFailsFailsTheBuildRatherThanTheFirstMapper(TestDatabase tdb) {
    assertThatThrownBy(
            () ->
                tdb.track(
                    Database.builder()
                        .config(tdb.config().build())
                        .mybatis(
                            c -> {
                              throw new IllegalStateException("customizer refused");
                            })
                        .build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("customizer refused");
  }

  @AllBackends
  void mapperFailuresArriveTranslated(Database db) {
    ItemsTable.create(db);
    db.writer().run(tx -> tx.mapper(ItemMapper.class).add("same", 1));
    assertThatThrownBy(() -> db.writer().run(tx -> tx.mapper(ItemMapper.class).add("same", 1)))
        .isInstanceOf(DuplicateEntryException.class);
  }
}
