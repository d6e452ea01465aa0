package dev.plinth.db.testing.template;

import java.sql.SQLException;

/** Makes a new database on a server as a copy of a template. */
@FunctionalInterface
interface CopyMaker {

  /**
   * Creates database {@code name} with the template's schema, data and version rows.
   *
   * @throws SQLException if the server refuses
   */
  void create(String name) throws SQLException;
}
