package dev.plinth.db.testing.provision;

import dev.plinth.db.testing.Backend;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts PostgreSQL or MariaDB in a container, used only when no server is configured or running
 * locally and a Docker engine answers. Containers live until the JVM exits (Testcontainers' reaper
 * removes them).
 */
final class ContainerServers {

  boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource")
  String start(Backend backend) {
    if (backend == Backend.POSTGRESQL) {
      PostgreSQLContainer pg = new PostgreSQLContainer("postgres:15");
      return url(pg, "jdbc:postgresql://", "/postgres?user=" + pg.getUsername());
    }
    MariaDBContainer maria = new MariaDBContainer("mariadb:10.11");
    return url(maria, "jdbc:mariadb://", "/?user=root");
  }

  /** Starts {@code container} and returns its URL: scheme, host, port, then database and user. */
  private static String url(
      JdbcDatabaseContainer<?> container, String scheme, String databaseAndUser) {
    container.start();
    return scheme
        + container.getHost()
        + ":"
        + container.getFirstMappedPort()
        + databaseAndUser
        + "&password="
        + container.getPassword();
  }
}
