package dev.plinth.db.testing.provision;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database server reached through an administrator URL, able to create and drop databases and to
 * end sessions from the server side.
 */
public interface ServerBackend {

  /** The administrator URL, credentials included. */
  String adminUrl();

  /**
   * Creates an empty database.
   *
   * @throws SQLException if the server refuses
   */
  void create(String database) throws SQLException;

  /**
   * Drops a database, ending its other sessions first where the server requires it.
   *
   * @throws SQLException if the server refuses
   */
  void drop(String database) throws SQLException;

  /** The URL of a database on this server, with the administrator's credentials. */
  default String urlOf(String database) {
    return JdbcUrls.withDatabase(adminUrl(), database);
  }

  /**
   * The server's identifier of the session behind {@code connection}.
   *
   * @throws SQLException if it cannot be read
   */
  long sessionId(Connection connection) throws SQLException;

  /**
   * Ends a session from the server side, as an operator or a failover would.
   *
   * @throws SQLException if the server refuses
   */
  void terminate(long sessionId) throws SQLException;
}
