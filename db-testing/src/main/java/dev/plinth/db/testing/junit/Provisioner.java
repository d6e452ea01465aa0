package dev.plinth.db.testing.junit;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import dev.plinth.db.testing.TestDatabases;
import dev.plinth.db.testing.provision.BackendDiscovery;
import dev.plinth.db.testing.provision.DatabaseNames;
import dev.plinth.db.testing.provision.ServerBackend;
import dev.plinth.db.testing.provision.SqliteFiles;
import java.nio.file.Path;
import java.sql.SQLException;

/** Creates randomly named databases on the discovered servers and drops them afterwards. */
final class Provisioner {
  private final BackendDiscovery discovery;

  Provisioner(BackendDiscovery discovery) {
    this.discovery = discovery;
  }

  TestDatabase provision(Backend backend) {
    String name = DatabaseNames.random("plinth_");
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
    Path dir = SqliteFiles.newDirectory();
    Path file = dir.resolve(name + ".db");
    return TestDatabases.of(
        Backend.SQLITE, name, "jdbc:sqlite:" + file, null, () -> SqliteFiles.deleteDirectory(dir));
  }
}
