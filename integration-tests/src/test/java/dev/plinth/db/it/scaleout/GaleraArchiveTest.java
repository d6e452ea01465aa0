package dev.plinth.db.it.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DeadlockException;
import dev.plinth.db.it.archive.ArchiveKillTest;
import dev.plinth.db.testing.server.GaleraCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Archiving on a real three-node MariaDB Galera cluster: batches stay within the cluster's
 * write-set limits, and an archive killed at random moments and run again through one node loses
 * and duplicates nothing, read back through another. One cluster for the class; the number of kills
 * is {@code -Dplinth.galera.archiveKills} (default 8). Skipped without galera-4 unless {@code
 * PLINTH_TEST_REQUIRE} lists galera.
 */
class GaleraArchiveTest {
  private static final int KILLS = Integer.getInteger("plinth.galera.archiveKills", 8);
  private static final int ROWS = 300;
  private static final int MAX_WS_ROWS = 50;

  @RegisterExtension static final ClusterDatabases databases = new ClusterDatabases("ga");

  @Test
  void batchesStayWithinTheClustersWriteSetRowLimit() throws Exception {
    String name = databases.create();
    try (Database node1 = databases.open(1, name)) {
      node1
          .writer()
          .run(
              tx -> {
                tx.update(
                    "CREATE TABLE widgets (id INTEGER PRIMARY KEY, deleted INTEGER NOT NULL)");
                for (int id = 1; id <= ROWS; id++) {
                  tx.update("INSERT INTO widgets (id, deleted) VALUES (?, ?)", id, id);
                }
              });
      ShadowTables.of(node1).create();
    }
    setMaxWriteSetRows(MAX_WS_ROWS);
    try (Database node1 = databases.open(1, name)) {
      assertThatThrownBy(
              () ->
                  node1
                      .writer()
                      .run(tx -> tx.update("INSERT INTO shadow_widgets SELECT * FROM widgets")))
          .as("one transaction over the limit is refused, and not retried as a deadlock")
          .isInstanceOf(DbException.class)
          .isNotInstanceOf(DeadlockException.class)
          .hasMessageContaining("wsrep_max_ws_rows exceeded");

      ArchiveResult result =
          Archiver.builder().database(node1).maxRows(1000).untilComplete(true).build().run();

      assertThat(result.archived()).containsEntry("widgets", (long) ROWS);
    } finally {
      setMaxWriteSetRows(0);
    }
    try (Database node3 = databases.open(3, name)) {
      assertThat(count(node3, "SELECT id FROM widgets")).isZero();
      assertThat(count(node3, "SELECT DISTINCT id FROM shadow_widgets")).isEqualTo(ROWS);
      assertThat(count(node3, "SELECT id FROM shadow_widgets")).isEqualTo(ROWS);
    }
  }

  @Test
  void killedAtRandomMomentsOnOneNodeTheArchiveLosesNothingSeenFromAnother() throws Exception {
    String name = databases.create();
    try (Database node1 = databases.open(1, name);
        Database node2 = databases.open(2, name)) {
      ArchiveKillTest.killAtRandomMomentsAndRerun(node1, databases.url(1, name), node2, KILLS);
    }
  }

  private static long count(Database db, String sql) {
    return db.reader().call(tx -> tx.count(sql));
  }

  private static void setMaxWriteSetRows(int rows) throws SQLException {
    for (int node = 1; node <= GaleraCluster.SIZE; node++) {
      try (Connection c = DriverManager.getConnection(databases.cluster().node(node).url());
          Statement s = c.createStatement()) {
        s.execute("SET GLOBAL wsrep_max_ws_rows = " + rows);
      }
    }
  }
}
