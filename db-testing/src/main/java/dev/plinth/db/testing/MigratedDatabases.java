package dev.plinth.db.testing;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.migrate.Migrator;
import dev.plinth.db.migrate.source.MigrationScript;
import dev.plinth.db.testing.provision.BackendDiscovery;
import dev.plinth.db.testing.provision.ServerBackend;
import dev.plinth.db.testing.template.Template;
import dev.plinth.db.testing.template.TemplateKey;
import dev.plinth.db.testing.template.Templates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Databases already migrated to heads, in milliseconds: the first request for a backend and {@link
 * MigrationSet} migrates a template (or, for a set {@link MigrationSet.Builder#fromModels() built
 * from the models}, builds it from the models and stamps the heads), and every request gets its own
 * copy of it. Templates are recognised by the set's {@link MigrationSet#checksum()}, so an edited
 * migration builds a new one, and are dropped by {@link #close()}. {@link Migrated} uses one
 * instance per test run; hold your own outside JUnit:
 *
 * <pre>{@code
 * try (MigratedDatabases databases = MigratedDatabases.create();
 *     TestDatabase copy = databases.copy(Backend.POSTGRESQL, MigrationSet.locations("classpath:db"))) {
 *   Database db = copy.open();
 *   ...
 * }
 * }</pre>
 */
public final class MigratedDatabases implements AutoCloseable {
  private final BackendDiscovery discovery;
  private final Map<TemplateKey, Template> templates = new HashMap<>();
  private boolean closed;

  private MigratedDatabases(BackendDiscovery discovery) {
    this.discovery = discovery;
  }

  /** Uses the servers {@link BackendDiscovery} finds from the environment. */
  public static MigratedDatabases create() {
    return create(new BackendDiscovery(System.getenv()));
  }

  /** Uses the servers {@code discovery} finds. */
  public static MigratedDatabases create(BackendDiscovery discovery) {
    return new MigratedDatabases(discovery);
  }

  /**
   * A copy of {@code set} migrated to heads on {@code backend}, for this caller alone until it is
   * closed (then dropped, or reset to the template's state for a later request). The first request
   * for a backend and set (by its checksum) migrates the template.
   *
   * @throws IllegalStateException if the backend's server is not reachable, or the template or copy
   *     cannot be made
   * @throws dev.plinth.db.migrate.MigrationException if the migrations fail; the message names the
   *     revision
   */
  public TestDatabase copy(Backend backend, MigrationSet set) {
    return template(new TemplateKey(backend, set.checksum()), set).copy();
  }

  private synchronized Template template(TemplateKey key, MigrationSet set) {
    if (closed) {
      throw new IllegalStateException("MigratedDatabases is closed: create another one");
    }
    Template template = templates.get(key);
    if (template == null) {
      List<MigrationScript> revisions = set.load();
      template =
          Templates.build(
              key.backend(), server(key.backend()), url -> migrate(url, set, revisions));
      templates.put(key, template);
    }
    return template;
  }

  private ServerBackend server(Backend backend) {
    BackendDiscovery.Availability found = discovery.find(backend);
    if (!found.available() && backend != Backend.SQLITE) {
      throw new IllegalStateException(
          backend.id() + " is not reachable for a migrated database: " + found.reason());
    }
    return found.server();
  }

  private static void migrate(String url, MigrationSet set, List<MigrationScript> revisions) {
    DatabaseConfig config =
        DatabaseConfig.builder().connection(url).maxRetries(1).dbMaxRetries(0).build();
    try (Database db = Database.builder().config(config).build();
        Migrator migrator = set.migrator(db, revisions)) {
      set.toHeads(db, migrator);
    }
  }

  /** Drops every template and waits for the copies still being dropped. */
  @Override
  public synchronized void close() {
    closed = true;
    List<RuntimeException> failures = new ArrayList<>();
    for (Template template : templates.values()) {
      try {
        template.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    templates.clear();
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
