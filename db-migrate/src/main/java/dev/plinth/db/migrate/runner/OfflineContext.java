package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.RevisionInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link MigrationContext} of a revision rendered as SQL ({@code --sql}): statements are
 * recorded instead of run, the operations API renders for the backend without reading the database,
 * and there is no transaction to query.
 */
public final class OfflineContext implements MigrationContext {
  private final RevisionInfo revision;
  private final Dialect dialect;
  private final List<String> statements = new ArrayList<>();

  /**
   * Creates a context that records what {@code revision} renders for {@code dialect}.
   *
   * @param revision named in the error when the revision asks for a transaction
   */
  public OfflineContext(RevisionInfo revision, Dialect dialect) {
    this.revision = revision;
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

  /** Records the statement followed by its data and psql's {@code \.} end line. */
  @Override
  public void copyIn(String sql, String data) {
    statements.add(sql + ";\n" + data + "\\.");
  }

  /**
   * There is no database offline.
   *
   * @throws MigrationException always, naming the revision and its file
   */
  @Override
  public Tx tx() {
    throw new MigrationException(
        revision.origin()
            + ": revision "
            + revision.id()
            + " uses tx(), which offline (--sql) mode does not have: check ctx.offline() and"
            + " use execute(sql) or the operations API there, or run the upgrade online");
  }

  /** The recorded statements, in order. */
  public List<String> statements() {
    return List.copyOf(statements);
  }
}
