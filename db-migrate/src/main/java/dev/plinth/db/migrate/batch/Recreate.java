package dev.plinth.db.migrate.batch;

/** When {@link dev.plinth.db.migrate.ops.Operations#batchAlterTable} rebuilds the table. */
public enum Recreate {
  /**
   * Rebuild only when the backend cannot make every change of the batch in place. On SQLite, a
   * batch whose only such changes are a column's type (within one affinity), nullability or
   * default, checks or foreign keys is made in place too: its other changes by ALTER TABLE, then
   * one rewrite of the table's declaration, without copying a row.
   */
  AUTO,
  /** Always rebuild by move and copy, on every backend. */
  ALWAYS,
  /** Never rebuild: a change the backend cannot make in place fails. */
  NEVER
}
