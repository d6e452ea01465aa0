package dev.plinth.db.migrate.phase;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.MigrationException;
import java.util.ArrayList;
import java.util.List;

/** An offline context that keeps the statements a revision renders instead of running them. */
final class RecordingContext implements MigrationContext {
  private final Dialect dialect;
  private final List<String> statements = new ArrayList<>();

  RecordingContext(Dialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public boolean offline() {
    return true;
  }

  @Override
  public void execute(String sql) {
    statements.add(sql);
  }

  @Override
  public Tx tx() {
    throw new MigrationException("offline rendering has no transaction");
  }

  /** The statements rendered, in order. */
  List<String> statements() {
    return List.copyOf(statements);
  }
}
