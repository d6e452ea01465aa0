package dev.plinth.db.testing.template;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import dev.plinth.db.testing.TestDatabases;
import dev.plinth.db.testing.provision.DatabaseNames;
import dev.plinth.db.testing.provision.ServerBackend;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A template database on a PostgreSQL or MySQL server, copied by a backend-specific {@link
 * CopyMaker}; copies are prepared ahead, and used ones reset or dropped, in the background (see
 * {@link CopiesAhead}).
 */
final class ServerTemplate implements Template {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTemplate.class);
  private static final int READY_COPIES = 2;

  private final Backend backend;
  private final ServerBackend server;
  private final String name;
  private final CopiesAhead copies;

  private ServerTemplate(Backend backend, ServerBackend server, String name, CopyMaker maker) {
    this.backend = backend;
    this.server = server;
    this.name = name;
    this.copies = new CopiesAhead(name, READY_COPIES, maker, this::drop);
  }

  /**
   * Creates the template database, migrates it through {@code migrate} (given its URL, and which
   * must close its connections) and starts preparing copies with the maker {@code copier} returns
   * for the template's name.
   *
   * @throws IllegalStateException if the template cannot be created
   */
  static ServerTemplate build(
      Backend backend,
      ServerBackend server,
      Consumer<String> migrate,
      Function<String, CopyMaker> copier) {
    String name = DatabaseNames.random("plinth_tpl_");
    try {
      server.create(name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create template database " + name + " on " + backend.id(), e);
    }
    try {
      migrate.accept(server.urlOf(name));
      return new ServerTemplate(backend, server, name, copier.apply(name));
    } catch (RuntimeException | Error e) {
      try {
        server.drop(name);
      } catch (SQLException dropFailure) {
        e.addSuppressed(dropFailure);
      }
      throw e;
    }
  }

  @Override
  public TestDatabase copy() {
    String copy = copies.take();
    return TestDatabases.of(backend, copy, server.urlOf(copy), server, () -> copies.giveBack(copy));
  }

  @Override
  public void close() {
    copies.close();
    drop(name);
  }

  private void drop(String database) {
    try {
      server.drop(database);
    } catch (SQLException e) {
      LOG.warn("cannot drop test database {} on {}: {}", database, backend.id(), e.getMessage());
    }
  }
}
