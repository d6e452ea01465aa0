package dev.plinth.bench.archive;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's upper limit: per table, children first, one {@code INSERT INTO shadow_t SELECT
 * ... WHERE deleted <> 0} and one {@code DELETE ... WHERE deleted <> 0}, all of it in a single
 * transaction. Nothing is batched, so nothing bounds the transaction's size (undo, locks, buffer
 * pool) — the price a real archiver cannot pay on a live database.
 */
public final class SingleStatementArchiver {
  private final Connection connection;

  /** An archiver working on {@code connection}. */
  public SingleStatementArchiver(Connection connection) {
    this.connection = connection;
  }

  /**
   * Moves every soft-deleted row.
   *
   * @return the rows moved
   */
  public long archiveAll() throws SQLException {
    ReflectedSchema schema = ReflectedSchema.read(connection);
    connection.setAutoCommit(false);
    long moved = 0;
    try (Statement s = connection.createStatement()) {
      for (String table : schema.childrenFirst()) {
        s.executeUpdate(schema.copyToShadow(table, "deleted <> 0"));
        moved += s.executeUpdate("DELETE FROM " + table + " WHERE deleted <> 0");
      }
      connection.commit();
      return moved;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }
}
