package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.TransactionGuard;

/**
 * SQLite's relaxed commit: {@code PRAGMA synchronous = NORMAL} for one transaction on a database in
 * WAL mode. Its commit then writes the log without syncing it; the log is synced at the next
 * checkpoint or by the next commit at {@code FULL}, which makes every earlier commit durable too.
 * SQLite guarantees that such a database stays consistent after a power loss and only the last
 * commits may be undone. The pragma cannot change inside a transaction, so the guard sets it before
 * BEGIN and restores the connection's level after the end. Outside WAL mode (in memory, or with a
 * rollback journal, where NORMAL can corrupt a database on old file systems) and where the
 * connection syncs less already, it changes nothing. It keeps the level to restore, so it serves
 * one transaction.
 */
final class SqliteRelaxedCommit implements TransactionGuard {
  private static final int NORMAL = 1;

  /** The connection's {@code synchronous} level before the guard lowered it; null if it did not. */
  private Integer restore;

  @Override
  public void beforeBegin(Tx tx) {
    if (!"wal".equalsIgnoreCase(Pragmas.get(tx, "journal_mode"))) {
      return;
    }
    int level = Integer.parseInt(Pragmas.get(tx, "synchronous"));
    if (level > NORMAL) {
      Pragmas.set(tx, "PRAGMA synchronous = " + NORMAL);
      restore = level;
    }
  }

  @Override
  public void afterEnd(Tx tx) {
    if (restore != null) {
      Pragmas.set(tx, "PRAGMA synchronous = " + restore);
      restore = null;
    }
  }
}
