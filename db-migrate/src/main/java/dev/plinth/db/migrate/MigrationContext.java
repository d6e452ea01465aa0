package dev.plinth.db.migrate;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.ops.Operations;

/**
 * What a running revision works with. Statements given to {@link #execute(String)} are run (or, in
 * offline {@code --sql} mode, printed); {@link #tx()} gives the revision's transaction for data
 * work that needs results.
 */
public interface MigrationContext {

  /** The backend the revision runs on (or renders for, offline). */
  Dialect dialect();

  /** Whether the revision is being rendered as SQL rather than run. */
  boolean offline();

  /**
   * Runs one SQL statement in the revision's transaction, or records it offline.
   *
   * @throws dev.plinth.db.core.error.DbException if the statement fails
   */
  void execute(String sql);

  /**
   * The revision's transaction, for queries and data changes with bind values.
   *
   * @throws MigrationException in offline mode, where there is no database
   */
  Tx tx();

  /** The operations API (portable DDL and batch table rebuilds) of this revision. */
  default Operations op() {
    return Operations.on(this);
  }
}
