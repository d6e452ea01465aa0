package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DuplicateEntryException;
import dev.plinth.db.core.error.ReferenceException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Plinth on a DataSource the service owns, and the pools Plinth builds named and customised. */
class ServiceDataSourceTest {

  @AllBackends
  void runsOnTheServicesPoolAndLeavesItOpen(TestDatabase tdb, Backend backend) throws Exception {
    try (HikariDataSource service = servicePool(tdb)) {
      try (Database db = Database.builder().dataSource(service).mappers(ItemMapper.class).build()) {
        assertThat(db.dialect().name()).as("told from the metadata").isEqualTo(backend.id());
        ItemsTable.create(db);
        db.writer().run(tx -> tx.mapper(ItemMapper.class).add("bolt", 3));
        assertThatThrownBy(() -> db.writer().run(tx -> tx.mapper(ItemMapper.class).add("bolt", 1)))
            .isInstanceOf(DuplicateEntryException.class);
        List<String> names = db.reader().call(tx -> tx.mapper(ItemMapper.class).names());
        assertThat(names).containsExactly("bolt");
        assertThat(db.connectionsInUse()).isZero();
      }
      assertThat(service.isClosed()).as("closing the Database leaves the service's pool").isFalse();
      try (Connection c = service.getConnection()) {
        assertThat(c.getAutoCommit()).as("connections go back as they were lent").isTrue();
      }
    }
  }

  @AllBackends(Backend.SQLITE)
  void sqliteConnectionsBorrowedFromTheServiceEnforceForeignKeys(TestDatabase tdb) {
    try (HikariDataSource service = servicePool(tdb);
        Database db = Database.builder().dataSource(service).build()) {
      db.writer()
          .run(
              tx -> {
                tx.update("CREATE TABLE owners (id INTEGER PRIMARY KEY)");
                tx.update(
                    "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES owners)");
              });
      assertThatThrownBy(() -> db.writer().run(tx -> tx.update("INSERT INTO pets VALUES (1, 9)")))
          .isInstanceOf(ReferenceException.class);
    }
  }

  @AllBackends
  void plinthsOwnPoolsTakeTheirNameAndTheCustomisersSettings(TestDatabase tdb) throws Exception {
    try (Database db =
        Database.builder()
            .config(tdb.config().build())
            .poolName("orders")
            .hikari(
                hc -> {
                  hc.setRegisterMbeans(true);
                  hc.setMaximumPoolSize(2);
                })
            .build()) {
      db.writer().run(tx -> tx.update("CREATE TABLE touched (id INTEGER)"));
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName config = new ObjectName("com.zaxxer.hikari:type=PoolConfig (orders-writer)");
      assertThat(server.getAttribute(config, "MaximumPoolSize")).isEqualTo(2);
    }
  }

  @AllBackends(Backend.SQLITE)
  void aDataSourceTogetherWithAUrlIsRefused(TestDatabase tdb) {
    try (HikariDataSource service = servicePool(tdb)) {
      assertThatThrownBy(() -> Database.builder().dataSource(service).url(tdb.url()).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("give one");
    }
  }

  private static HikariDataSource servicePool(TestDatabase tdb) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(tdb.url());
    hc.setMaximumPoolSize(3);
    return new HikariDataSource(hc);
  }
}
