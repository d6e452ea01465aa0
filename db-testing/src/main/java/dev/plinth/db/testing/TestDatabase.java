package dev.plinth.db.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.testing.provision.ServerBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A freshly provisioned, randomly named database on one backend, dropped when its test ends (a
 * {@link Migrated} copy may instead be reset for a later test), with every {@link Database} opened
 * through it closed first.
 */
public final class TestDatabase implements AutoCloseable {
  private final Backend backend;
  private final String name;
  private final String url;
  private final ServerBackend server;
  private final Runnable drop;
  private final List<Database> opened = new ArrayList<>();
  private final List<HikariDataSource> servicePools = new ArrayList<>();

  TestDatabase(Backend backend, String name, String url, ServerBackend server, Runnable drop) {
    this.backend = backend;
    this.name = name;
    this.url = url;
    this.server = server;
    this.drop = drop;
  }

  /** The backend this database lives on. */
  public Backend backend() {
    return backend;
  }

  /** The database's random name (a file name for SQLite). */
  public String name() {
    return name;
  }

  /** The JDBC URL of this database, credentials included. */
  public String url() {
    return url;
  }

  /**
   * A configuration for this database suited to tests: one start-up attempt and no transaction
   * retries, so provoked errors surface at once. Adjust it and pass it to {@link #open(Consumer)}.
   */
  public DatabaseConfig.Builder config() {
    return DatabaseConfig.builder().connection(url).maxRetries(1).dbMaxRetries(0);
  }

  /**
   * Opens a {@link Database} on this database with {@link #config()}; closed when the test ends.
   */
  public Database open() {
    return open(b -> {});
  }

  /**
   * Opens a {@link Database} with {@link #config()} adjusted by {@code settings}; closed when the
   * test ends.
   */
  public Database open(Consumer<DatabaseConfig.Builder> settings) {
    DatabaseConfig.Builder b = config();
    settings.accept(b);
    DatabaseConfig config = b.build();
    if (!ServicePools.enabled()) {
      return track(Database.builder().config(config).build());
    }
    HikariDataSource writer = servicePool(config.connection(), config);
    Database.Builder db = Database.builder().dataSource(writer);
    if (config.slaveConnection().isPresent()) {
      db.readerDataSource(servicePool(config.slaveConnection().get(), config));
    }
    return track(db.config(config.toBuilder().set("slave_connection", "").build()).build());
  }

  private synchronized HikariDataSource servicePool(String url, DatabaseConfig config) {
    HikariDataSource pool = ServicePools.create(url, config);
    servicePools.add(pool);
    return pool;
  }

  /** Registers a database built elsewhere so that it is closed before this one is dropped. */
  public synchronized Database track(Database db) {
    opened.add(db);
    return db;
  }

  /**
   * The server's identifier of the session behind {@code connection}.
   *
   * @throws UnsupportedOperationException on SQLite, which has no server
   * @throws IllegalStateException if it cannot be read
   */
  public long sessionId(Connection connection) {
    try {
      return requireServer().sessionId(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the session id on " + backend.id(), e);
    }
  }

  /**
   * Ends a session from the server side ({@code pg_terminate_backend}, {@code KILL}), as a failover
   * or an operator would.
   *
   * @throws UnsupportedOperationException on SQLite, which has no server
   * @throws IllegalStateException if the server refuses
   */
  public void terminate(long sessionId) {
    try {
      requireServer().terminate(sessionId);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot end session " + sessionId + " on " + backend.id(), e);
    }
  }

  private ServerBackend requireServer() {
    if (server == null) {
      throw new UnsupportedOperationException(backend.id() + " has no server sessions to end");
    }
    return server;
  }

  /**
   * Closes every tracked {@link Database} and drops the database (or resets a {@link Migrated}
   * copy).
   *
   * @throws AssertionError after dropping, if a tracked database still had connections in use: a
   *     transaction still running or a session from {@link Database#openSession()} never closed,
   *     which closing the pool or dropping the database would otherwise hide
   */
  @Override
  public synchronized void close() {
    List<String> leaks = new ArrayList<>();
    for (Database db : opened) {
      int inUse = db.connectionsInUse();
      if (inUse > 0) {
        leaks.add(inUse + " connection(s) of " + db.config());
      }
    }
    opened.forEach(Database::close);
    opened.clear();
    servicePools.forEach(HikariDataSource::close);
    servicePools.clear();
    drop.run();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          "connection leak in "
              + this
              + ": "
              + String.join("; ", leaks)
              + " still in use when the test ended. Close every Session from"
              + " Database.openSession() and let every transaction end before the test does.");
    }
  }

  @Override
  public String toString() {
    return backend.id() + ":" + name;
  }
}
