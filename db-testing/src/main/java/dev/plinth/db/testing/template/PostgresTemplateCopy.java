package dev.plinth.db.testing.template;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies a PostgreSQL template with {@code CREATE DATABASE … TEMPLATE …}, which copies its files
 * and needs no session connected to the template.
 *
 * @param adminUrl a URL of a user who may create databases
 * @param template the template database's name
 */
record PostgresTemplateCopy(String adminUrl, String template) implements CopyMaker {

  @Override
  public void create(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\"");
    }
  }
}
