package dev.plinth.db.migrate.batch;

/** When {@link dev.plinth.db.migrate.ops.Operations#batchAlterTable} rebuilds the table. */
public enum Recreate {
  /** Rebuild only when the backend cannot make every change of the batch in place (SQLite). */
  AUTO,
  /** Always rebuild by move and copy, on every backend. */
  ALWAYS,
  /** Never rebuild: a change the backend cannot make in place fails. */
  NEVER
}
