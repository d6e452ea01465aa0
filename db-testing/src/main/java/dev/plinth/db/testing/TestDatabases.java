package dev.plinth.db.testing;

import dev.plinth.db.testing.provision.ServerBackend;
import java.util.List;
import java.util.function.Function;

/** Creates {@link TestDatabase}s for the provisioning code; not meant for tests themselves. */
public final class TestDatabases {
  private TestDatabases() {}

  /**
   * Wraps a provisioned database.
   *
   * @param server the server it lives on, or {@code null} for SQLite
   * @param drop removes the database once its users are closed
   */
  public static TestDatabase of(
      Backend backend, String name, String url, ServerBackend server, Runnable drop) {
    return new TestDatabase(backend, name, url, server, drop);
  }

  /**
   * The backends a run can reach, provisioning databases on them with {@code provisioner}.
   *
   * @param backends the selected backends whose server answers
   * @param provisioner creates a fresh database on a backend
   */
  public static AvailableBackends available(
      List<Backend> backends, Function<Backend, TestDatabase> provisioner) {
    return new AvailableBackends(backends, provisioner);
  }
}
