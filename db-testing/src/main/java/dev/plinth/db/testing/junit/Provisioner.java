package dev.plinth.db.testing.junit;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import dev.plinth.db.testing.TestDatabases;
import dev.plinth.db.testing.provision.BackendDiscovery;
import dev.plinth.db.testing.provision.ServerBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;

/** Creates randomly named databases on the discovered servers and drops them afterwards. */
final class Provisioner {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final BackendDiscovery discovery;

  Provisioner(BackendDiscovery discovery) {
    this.discovery = discovery;
  }

  TestDatabase provision(Backend backend) {
    String name = randomName();
    if (backend == Backend.SQLITE) {
      return sqlite(name);
    }
    ServerBackend server = discovery.find(backend).server();
    try {
      server.create(name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create test database " + name + " on " + backend.id(), e);
    }
    return TestDatabases.of(
        backend,
        name,
        server.urlOf(name),
        server,
        () -> {
          try {
            server.drop(name);
          } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
          }
        });
  }

  private static TestDatabase sqlite(String name) {
    try {
      Path dir = Files.createTempDirectory("plinth-sqlite-");
      Path file = dir.resolve(name + ".db");
      return TestDatabases.of(
          Backend.SQLITE, name, "jdbc:sqlite:" + file, null, () -> deleteTree(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a SQLite test database", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete SQLite test database " + dir, e);
    }
  }

  private static String randomName() {
    StringBuilder sb = new StringBuilder("plinth_");
    for (int i = 0; i < 10; i++) {
      sb.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return sb.toString();
  }
}
