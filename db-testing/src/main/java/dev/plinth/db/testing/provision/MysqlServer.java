package dev.plinth.db.testing.provision;

import java.sql.SQLException;

/** A MySQL or MariaDB server: databases in utf8mb4, sessions ended with {@code KILL}. */
public final class MysqlServer extends AdminUrlServer {
  /** Creates the backend for a URL of a user who may create databases and kill sessions. */
  public MysqlServer(String adminUrl) {
    super(adminUrl, "SELECT CONNECTION_ID()");
  }

  @Override
  public void create(String database) throws SQLException {
    AdminConnections.execute(
        adminUrl(), "CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
  }

  @Override
  public void drop(String database) throws SQLException {
    AdminConnections.execute(adminUrl(), "DROP DATABASE IF EXISTS `" + database + "`");
  }

  @Override
  public void terminate(long sessionId) throws SQLException {
    AdminConnections.execute(adminUrl(), "KILL " + sessionId);
  }
}
