package dev.plinth.db.core.dialect.postgresql;

import dev.plinth.db.core.dialect.CommitCheck;
import dev.plinth.db.core.dialect.CommitMark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Marks a transaction with its transaction id, which the server assigns at its first change, and
 * looks the id up with {@code txid_status}: one round trip before COMMIT for a transaction that
 * changed something, none for one that only read (it has no id, and nothing to lose). The {@code
 * txid_} functions serve PostgreSQL 10 to 17 alike ({@code pg_current_xact_id_if_assigned} and
 * {@code pg_xact_status} are their PostgreSQL 13 names).
 */
final class PostgresCommitCheck implements CommitCheck {

  @Override
  public CommitMark mark(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT txid_current_if_assigned()")) {
      rs.next();
      long id = rs.getLong(1);
      return rs.wasNull() ? null : new TransactionId(id);
    }
  }

  /** A transaction id, with its epoch, as {@code txid_current_if_assigned} returns it. */
  private record TransactionId(long id) implements CommitMark {
    @Override
    public Outcome outcome(Connection other) throws SQLException {
      try (PreparedStatement ps = other.prepareStatement("SELECT txid_status(?)")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          String status = rs.getString(1);
          if (status == null) {
            return Outcome.UNKNOWN;
          }
          return switch (status) {
            case "committed" -> Outcome.COMMITTED;
            case "aborted" -> Outcome.ROLLED_BACK;
            default -> Outcome.PENDING;
          };
        }
      }
    }
  }
}
