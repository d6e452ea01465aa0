package dev.plinth.bench.templates;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.provision.ServerBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The least a copy of a template can cost on a server, with none of Plinth's code: PostgreSQL's
 * {@code CREATE DATABASE … TEMPLATE}; on MySQL, {@code CREATE TABLE … LIKE} and {@code INSERT …
 * SELECT} per table on one connection.
 */
final class RawCopy {
  private final Backend backend;
  private final String adminUrl;
  private final String template;
  private final List<String> tables;

  private RawCopy(Backend backend, String adminUrl, String template, List<String> tables) {
    this.backend = backend;
    this.adminUrl = adminUrl;
    this.template = template;
    this.tables = tables;
  }

  static RawCopy of(Backend backend, ServerBackend server, String template) throws SQLException {
    List<String> tables = new ArrayList<>();
    if (backend == Backend.MYSQL) {
      try (Connection c = DriverManager.getConnection(server.adminUrl());
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
        ps.setString(1, template);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
    }
    return new RawCopy(backend, server.adminUrl(), template, tables);
  }

  String what() {
    return backend == Backend.POSTGRESQL
        ? "CREATE DATABASE TEMPLATE"
        : tables.size() + " x CREATE TABLE LIKE + INSERT SELECT";
  }

  void copy(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      if (backend == Backend.POSTGRESQL) {
        s.execute("CREATE DATABASE \"" + name + "\" TEMPLATE \"" + template + "\"");
        return;
      }
      s.execute("CREATE DATABASE `" + name + "`");
      for (String table : tables) {
        s.execute(
            "CREATE TABLE `" + name + "`.`" + table + "` LIKE `" + template + "`.`" + table + "`");
      }
      c.setAutoCommit(false);
      for (String table : tables) {
        s.execute(
            "INSERT INTO `"
                + name
                + "`.`"
                + table
                + "` SELECT * FROM `"
                + template
                + "`.`"
                + table
                + "`");
      }
      c.commit();
    }
  }
}
