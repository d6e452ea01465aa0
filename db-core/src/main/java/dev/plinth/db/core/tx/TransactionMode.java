package dev.plinth.db.core.tx;

/** What a transaction may do and where it may run, as oslo.db's enginefacade modes. */
public enum TransactionMode {
  /** Reads and writes on the primary; commits at the end. */
  WRITER,
  /** Reads on the primary; rolled back at the end, so a write inside it is never kept. */
  READER,
  /** Reads that tolerate replication lag: runs on the replica when one is configured. */
  ASYNC_READER
}
