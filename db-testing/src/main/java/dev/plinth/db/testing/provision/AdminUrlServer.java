package dev.plinth.db.testing.provision;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the server backends share: the administrator URL and a query for the own session's id. */
abstract class AdminUrlServer implements ServerBackend {
  private final String adminUrl;
  private final String sessionIdQuery;

  AdminUrlServer(String adminUrl, String sessionIdQuery) {
    this.adminUrl = adminUrl;
    this.sessionIdQuery = sessionIdQuery;
  }

  @Override
  public final String adminUrl() {
    return adminUrl;
  }

  @Override
  public final long sessionId(Connection connection) throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery(sessionIdQuery)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
