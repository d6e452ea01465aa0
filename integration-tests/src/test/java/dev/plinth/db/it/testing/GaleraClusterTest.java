package dev.plinth.db.it.testing;

import static dev.plinth.db.it.testing.Sql.execute;
import static dev.plinth.db.it.testing.Sql.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.testing.server.GaleraCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB Galera cluster of db-testing: three synced nodes that replicate each other's writes,
 * and a killed node that rejoins with what it missed. One cluster for the class. Skipped without
 * galera-4 unless {@code PLINTH_TEST_REQUIRE} lists galera.
 */
class GaleraClusterTest {
  private static GaleraCluster cluster;

  @BeforeAll
  static void startCluster() {
    Assumptions.assumeTrue(
        GaleraCluster.required() || GaleraCluster.installed(), "no MariaDB Galera binaries");
    cluster = GaleraCluster.start();
  }

  @AfterAll
  static void closeCluster() {
    if (cluster == null) {
      return;
    }
    List<Path> directories = new ArrayList<>();
    for (int i = 1; i <= GaleraCluster.SIZE; i++) {
      directories.add(cluster.node(i).directory());
    }
    cluster.close();
    assertThat(directories).as("the nodes' directories are deleted").noneMatch(Files::exists);
  }

  @Test
  void threeSyncedNodesReplicateARowWrittenOnNodeOne() throws SQLException {
    for (int i = 1; i <= GaleraCluster.SIZE; i++) {
      assertThat(value(cluster.node(i).url(), "SHOW STATUS LIKE 'wsrep_local_state_comment'"))
          .isEqualTo("Synced");
      assertThat(value(cluster.node(i).url(), "SHOW STATUS LIKE 'wsrep_cluster_size'"))
          .isEqualTo("3");
    }
    execute(cluster.node(1).url(), "CREATE TABLE replicated (id INTEGER PRIMARY KEY, v TEXT)");
    execute(cluster.node(1).url(), "INSERT INTO replicated VALUES (1, 'from node 1')");

    assertThat(value(cluster.causalUrl(3), "SELECT v FROM replicated WHERE id = 1"))
        .isEqualTo("from node 1");
  }

  @Test
  void aKilledNodeRejoinsWithTheWritesItMissed() throws SQLException {
    execute(cluster.node(1).url(), "CREATE TABLE missed (id INTEGER PRIMARY KEY)");
    long before = cluster.node(2).pid();

    cluster.kill(2);
    assertThat(cluster.node(2).running()).isFalse();
    execute(cluster.node(1).url(), "INSERT INTO missed VALUES (1)");
    execute(cluster.causalUrl(3), "INSERT INTO missed VALUES (2)");
    cluster.start(2);

    assertThat(cluster.node(2).pid()).isNotEqualTo(before);
    assertThat(value(cluster.node(2).url(), "SHOW STATUS LIKE 'wsrep_cluster_size'"))
        .isEqualTo("3");
    assertThat(value(cluster.causalUrl(2), "SELECT count(*) FROM missed")).isEqualTo("2");
  }
}
