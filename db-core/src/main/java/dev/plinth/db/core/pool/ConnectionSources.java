package dev.plinth.db.core.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.UrlSanitizer;
import dev.plinth.db.core.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Where a database's connections come from: the writer's and the reader's sources for transactions,
 * and the source of {@link dev.plinth.db.core.Session}s. Either HikariCP pools that Plinth builds
 * and closes, or a service's own {@link DataSource}s, which Plinth borrows from and never closes.
 */
public final class ConnectionSources implements AutoCloseable {
  private final DataSource writer;
  private final ReplicaRouting asyncReads;
  private final DataSource sessions;
  private final List<HikariDataSource> owned;
  private final boolean lentInAutoCommit;

  private ConnectionSources(
      DataSource writer,
      ReplicaRouting asyncReads,
      DataSource sessions,
      List<HikariDataSource> owned,
      boolean lentInAutoCommit) {
    this.writer = writer;
    this.asyncReads = asyncReads;
    this.sessions = sessions;
    this.owned = owned;
    this.lentInAutoCommit = lentInAutoCommit;
  }

  /**
   * Builds Plinth's own pools for {@code config}: a writer, and a reader when {@code
   * slave_connection} is set. Sessions open physical connections to the writer outside the pool.
   *
   * @param poolName the pools' name prefix ({@code <name>-writer}, {@code <name>-reader})
   * @param customizer adjusts each pool's HikariCP settings after Plinth's own
   */
  public static ConnectionSources ownPools(
      DatabaseConfig config, Dialect dialect, String poolName, Consumer<HikariConfig> customizer) {
    List<HikariDataSource> owned = new ArrayList<>();
    HikariDataSource writer =
        Pools.create(poolName + "-writer", config.connection(), dialect, config, customizer);
    owned.add(writer);
    try {
      Optional<String> replica = config.slaveConnection();
      ReplicaRouting asyncReads = ReplicaRouting.primaryOnly(writer);
      if (replica.isPresent()) {
        HikariDataSource reader =
            Pools.create(poolName + "-reader", replica.get(), dialect, config, customizer);
        owned.add(reader);
        asyncReads =
            ReplicaRouting.watching(
                reader, writer, dialect, config, UrlSanitizer.sanitize(replica.get()), poolName);
      }
      return new ConnectionSources(
          writer, asyncReads, writer.getDataSource(), List.copyOf(owned), false);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * Borrows from a service's own data sources, running the dialect's session set-up once per
   * physical connection. Sessions borrow from the writer's source too.
   *
   * @param reader the replica's source, or {@code null} to read from the writer's
   */
  public static ConnectionSources borrowed(
      DataSource writer, DataSource reader, Dialect dialect, DatabaseConfig config) {
    DataSource w = new SetUpOnFirstUse(writer, dialect, config);
    ReplicaRouting asyncReads =
        reader == null
            ? ReplicaRouting.primaryOnly(w)
            : ReplicaRouting.watching(
                new SetUpOnFirstUse(reader, dialect, config),
                w,
                dialect,
                config,
                "(the reader DataSource)",
                "plinth");
    return new ConnectionSources(w, asyncReads, w, List.of(), true);
  }

  /**
   * Whether a pooled connection may come in auto-commit mode and must be given back in it: true for
   * a service's own sources; Plinth's pools lend connections with auto-commit off, and its
   * sessions' connections are closed, not pooled.
   */
  public boolean lentInAutoCommit() {
    return lentInAutoCommit;
  }

  /** The primary's source, for writer and reader transactions. */
  public DataSource writer() {
    return writer;
  }

  /** Where async readers read: the replica while it is usable, else the primary. */
  public ReplicaRouting asyncReads() {
    return asyncReads;
  }

  /** The source of sessions: physical connections outside Plinth's pools, or the service's own. */
  public DataSource sessions() {
    return sessions;
  }

  /**
   * Stops the replica check and closes the pools Plinth built; a service's own sources stay open.
   */
  @Override
  public void close() {
    asyncReads.close();
    owned.forEach(HikariDataSource::close);
  }
}
