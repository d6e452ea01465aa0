package dev.plinth.bench;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.MigrationContext;

/**
 * A revision's context without the migrator around it: statements run in {@code tx}, as the
 * runner's context runs those of a transactional revision. Lets the benchmark time the batch alone,
 * without the version table and the migration lock.
 *
 * @param tx the revision's transaction, opened under {@code schemaChange()}
 */
record BenchRevision(Tx tx) implements MigrationContext {
  @Override
  public Dialect dialect() {
    return tx.dialect();
  }

  @Override
  public boolean offline() {
    return false;
  }

  @Override
  public void execute(String sql) {
    tx.update(sql);
  }
}
