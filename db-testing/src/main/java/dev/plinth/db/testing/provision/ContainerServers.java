package dev.plinth.db.testing.provision;

import dev.plinth.db.testing.Backend;
import org.testcontainers.DockerClientFactory;
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
      pg.start();
      return "jdbc:postgresql://"
          + pg.getHost()
          + ":"
          + pg.getFirstMappedPort()
          + "/postgres?user="
          + pg.getUsername()
          + "&password="
          + pg.getPassword();
    }
    MariaDBContainer maria = new MariaDBContainer("mariadb:10.11");
    maria.start();
    return "jdbc:mariadb://"
        + maria.getHost()
        + ":"
        + maria.getFirstMappedPort()
        + "/?user=root&password="
        + maria.getPassword();
  }
}
