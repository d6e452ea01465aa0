package dev.plinth.db.core.dialect.mysql;

import dev.plinth.db.core.Tx;
import java.util.Optional;

/**
 * What a MariaDB Galera node says about its replication (the {@code wsrep} API), read at run time
 * so that one dialect serves plain servers and cluster nodes alike. MySQL has none of these
 * variables and counts as no cluster.
 */
final class Wsrep {
  private Wsrep() {}

  /** Whether {@code tx}'s server replicates through Galera ({@code wsrep_on} is ON). */
  static boolean on(Tx tx) {
    return variable(tx, "wsrep_on").map("ON"::equalsIgnoreCase).orElse(false);
  }

  /** {@code wsrep_max_ws_rows}: the most rows one write set may hold; 0 for no limit. */
  static long maxWriteSetRows(Tx tx) {
    return variable(tx, "wsrep_max_ws_rows").map(Long::parseLong).orElse(0L);
  }

  /** {@code wsrep_max_ws_size}: the most bytes one write set may hold. */
  static long maxWriteSetBytes(Tx tx) {
    return variable(tx, "wsrep_max_ws_size").map(Long::parseLong).orElse(Long.MAX_VALUE);
  }

  /**
   * The most rows of {@code table} one write set can change, each written {@code writesPerRow}
   * times: within {@code wsrep_max_ws_rows}, and within half of {@code wsrep_max_ws_size} at the
   * table's average row length (the other half left for rows that follow along and for overhead);
   * at least 1.
   */
  static int maxRows(Tx tx, String table, int writesPerRow) {
    long rowLimit = maxWriteSetRows(tx);
    long byRows = rowLimit == 0 ? Long.MAX_VALUE : rowLimit / writesPerRow;
    long rowBytes =
        tx.queryOne(
                "SELECT AVG_ROW_LENGTH FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                rs -> rs.getLong(1),
                table)
            .orElse(0L);
    long byBytes = maxWriteSetBytes(tx) / 2 / (Math.max(rowBytes, 1) * writesPerRow);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(byRows, byBytes)));
  }

  private static Optional<String> variable(Tx tx, String name) {
    return tx.queryOne("SHOW VARIABLES LIKE ?", rs -> rs.getString(2), name);
  }
}
