package dev.plinth.db.testing.template;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.provision.ServerBackend;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Builds the template of one backend, each copied the fastest way measured on it (see
 * docs/BENCHMARKS.md): SQLite a file copy, PostgreSQL {@code CREATE DATABASE … TEMPLATE}, MySQL the
 * tables' statements and rows ({@link MysqlSchemaCopy}), or, for a MySQL schema with routines or
 * events, migrating each copy.
 */
public final class Templates {
  private Templates() {}

  /**
   * Creates and migrates a template.
   *
   * @param server the backend's server; {@code null} for SQLite
   * @param migrate migrates the database at the given JDBC URL to heads and closes its connections
   * @throws IllegalStateException if the template cannot be created or captured
   */
  public static Template build(Backend backend, ServerBackend server, Consumer<String> migrate) {
    return switch (backend) {
      case SQLITE -> SqliteTemplate.build(migrate);
      case POSTGRESQL ->
          ServerTemplate.build(backend, server, migrate, name -> postgresCopy(server, name));
      case MYSQL ->
          ServerTemplate.build(backend, server, migrate, name -> mysqlCopy(server, name, migrate));
    };
  }

  private static CopyMaker postgresCopy(ServerBackend server, String template) {
    try {
      return PostgresTemplateCopy.capture(server.adminUrl(), template, server::urlOf);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read template " + template + " on postgresql", e);
    }
  }

  private static CopyMaker mysqlCopy(
      ServerBackend server, String template, Consumer<String> migrate) {
    try {
      return MysqlSchemaCopy.capture(server.adminUrl(), template)
          .orElse(
              copy -> {
                server.create(copy);
                migrate.accept(server.urlOf(copy));
              });
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read template " + template + " on mysql", e);
    }
  }
}
