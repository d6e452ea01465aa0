package dev.plinth.db.it.testing;

import static dev.plinth.db.it.testing.Sql.execute;
import static dev.plinth.db.it.testing.Sql.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.provision.BackendDiscovery;
import dev.plinth.db.testing.server.StandbyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL hot standby of db-testing: it streams from its primary, refuses writes, lags when
 * replay is paused, and survives a kill and a restart. Skipped without the binaries unless {@code
 * PLINTH_TEST_REQUIRE} lists postgresql.
 */
class StandbyServerTest {

  @Test
  void standbyReplaysThePrimaryLagsWhenPausedAndComesBackAfterAKill() throws Exception {
    Path directory;
    try (StandbyServer servers = start()) {
      directory = servers.standby().directory();
      execute(servers.primaryUrl(), "CREATE TABLE t (id INTEGER PRIMARY KEY)");
      execute(servers.primaryUrl(), "INSERT INTO t VALUES (1)");
      servers.awaitReplayed();
      assertThat(count(servers.standbyUrl())).isEqualTo(1);
      assertThat(value(servers.standbyUrl(), "SELECT pg_is_in_recovery()")).isEqualTo("t");
      assertThatThrownBy(() -> execute(servers.standbyUrl(), "INSERT INTO t VALUES (9)"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("25006");

      servers.pauseReplay();
      execute(servers.primaryUrl(), "INSERT INTO t VALUES (2)");
      assertThatThrownBy(() -> servers.awaitReplayed(Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class);
      assertThat(count(servers.standbyUrl())).isEqualTo(1);
      servers.resumeReplay();
      servers.awaitReplayed();
      assertThat(count(servers.standbyUrl())).isEqualTo(2);

      long before = servers.standby().pid();
      servers.standby().kill();
      execute(servers.primaryUrl(), "INSERT INTO t VALUES (3)");
      servers.standby().start();
      servers.awaitReplayed();
      assertThat(servers.standby().pid()).isNotEqualTo(before);
      assertThat(count(servers.standbyUrl())).isEqualTo(3);
    }
    assertThat(Files.exists(directory)).as("the standby's directory is deleted").isFalse();
  }

  private static StandbyServer start() {
    boolean required =
        new BackendDiscovery(System.getenv()).required().contains(Backend.POSTGRESQL);
    Assumptions.assumeTrue(required || StandbyServer.installed(), "no PostgreSQL binaries");
    return StandbyServer.start();
  }

  private static long count(String url) throws SQLException {
    return Long.parseLong(value(url, "SELECT count(*) FROM t"));
  }
}
