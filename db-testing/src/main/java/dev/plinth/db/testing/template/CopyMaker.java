package dev.plinth.db.testing.template;

import java.sql.SQLException;

/** Makes a new database on a server as a copy of a template, and may bring a used one back. */
interface CopyMaker {

  /**
   * Creates database {@code name} with the template's schema, data and version rows.
   *
   * @throws SQLException if the server refuses
   */
  void create(String name) throws SQLException;

  /**
   * Brings the used copy {@code name} back to the template's state, if that is cheaper than a new
   * copy and the copy's schema is still the template's.
   *
   * @return whether the copy is as new; if not, it is dropped
   * @throws SQLException if the server refuses
   */
  default boolean reset(String name) throws SQLException {
    return false;
  }
}
