package dev.plinth.db.it.core.classpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC drivers are optional: a service with only its own backend's driver on the class path
 * runs on it and never loads a class of another backend's driver or dialect, and a service that
 * asks for a backend whose driver is missing is told which dependency to add. Each case runs {@link
 * DriverMain} in a JVM whose class path is this test's without the left-out drivers' jars.
 */
class OneDriverClassPathTest {
  /** Per backend: the jar name prefix of its driver and the packages only that backend loads. */
  private static final Map<Backend, Driver> DRIVERS =
      Map.of(
          Backend.SQLITE,
          new Driver("sqlite-jdbc-", "org.sqlite.", "dev.plinth.db.core.dialect.sqlite."),
          Backend.POSTGRESQL,
          new Driver("postgresql-", "org.postgresql.", "dev.plinth.db.core.dialect.postgresql."),
          Backend.MYSQL,
          new Driver("mariadb-java-client-", "org.mariadb.", "dev.plinth.db.core.dialect.mysql."));

  private record Driver(String jarPrefix, String driverPackage, String dialectPackage) {}

  @AllBackends
  void serviceWithOnlyItsBackendsDriverRunsAndLoadsNoOtherBackendsClasses(
      TestDatabase tdb, Backend backend, @TempDir Path dir) throws Exception {
    String output = run(dir, List.of(backend), List.of("-verbose:class"), "use", tdb.url());

    assertThat(output).contains("read: one driver");
    List<String> loaded = ChildJvm.loadedClasses(output);
    Driver own = DRIVERS.get(backend);
    assertThat(loaded)
        .as("the backend's own driver and dialect are loaded")
        .anyMatch(c -> c.startsWith(own.driverPackage()))
        .anyMatch(c -> c.startsWith(own.dialectPackage()));
    for (Backend other : Backend.values()) {
      if (other != backend) {
        Driver driver = DRIVERS.get(other);
        assertThat(loaded)
            .as("classes of %s loaded by a %s service", other.id(), backend.id())
            .noneMatch(c -> c.startsWith(driver.driverPackage()))
            .noneMatch(c -> c.startsWith(driver.dialectPackage()));
      }
    }
  }

  @Test
  void backendWhoseDriverIsMissingFailsNamingTheDependencyToAdd(@TempDir Path dir)
      throws Exception {
    String output =
        run(
            dir,
            List.of(),
            List.of(),
            "open",
            "jdbc:sqlite:" + dir.resolve("app.db"),
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
            "jdbc:mariadb://127.0.0.1:3306/?user=root");

    assertThat(output)
        .contains("failed: jdbc:sqlite: needs org.xerial:sqlite-jdbc on the class path")
        .contains("failed: jdbc:postgresql: needs org.postgresql:postgresql on the class path")
        .contains(
            "failed: jdbc:mariadb: and jdbc:mysql: needs org.mariadb.jdbc:mariadb-java-client"
                + " on the class path")
        .doesNotContain("opened:");
  }

  /**
   * Runs {@link DriverMain} with {@code jvmOptions} and {@code args} on this test's class path
   * without the jars of the drivers not in {@code keep}, and returns what it printed.
   */
  private static String run(Path dir, List<Backend> keep, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> dropped =
        Arrays.stream(Backend.values())
            .filter(b -> !keep.contains(b))
            .map(b -> DRIVERS.get(b).jarPrefix())
            .toList();
    return ChildJvm.run(dir, dropped, jvmOptions, DriverMain.class, args);
  }
}
