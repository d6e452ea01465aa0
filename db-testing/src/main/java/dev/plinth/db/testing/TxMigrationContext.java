package dev.plinth.db.testing;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.MigrationContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A revision's {@link MigrationContext} without the migrator around it: statements run in {@code
 * tx}, as the runner's context runs those of a transactional revision, without the version table
 * and the migration lock. For tests and benchmarks of the operations API.
 *
 * @param tx the revision's transaction, opened under {@code schemaChange()}
 * @param executed receives each statement given to {@link #execute}, before it runs
 */
public record TxMigrationContext(Tx tx, List<String> executed) implements MigrationContext {

  /** A context whose statements run in {@code tx}, kept in a list of its own. */
  public TxMigrationContext(Tx tx) {
    this(tx, new ArrayList<>());
  }

  @Override
  public Dialect dialect() {
    return tx.dialect();
  }

  @Override
  public void execute(String sql) {
    executed.add(sql);
    tx.update(sql);
  }
}
