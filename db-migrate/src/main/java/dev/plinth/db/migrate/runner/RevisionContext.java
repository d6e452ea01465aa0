package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.RevisionInfo;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link MigrationContext} of one running revision. A transactional revision runs its
 * statements in the revision's transaction; a non-transactional one runs each on an auto-commit
 * {@link Session}, where it commits at once. Either way the statements that completed are
 * remembered, so that a failure can say what stayed applied.
 */
final class RevisionContext implements MigrationContext {
  private final RevisionInfo revision;
  private final Dialect dialect;
  private final Tx tx;
  private final Session autoCommit;
  private final List<String> executed = new ArrayList<>();
  private final String schema;
  private String failed;

  private RevisionContext(RevisionInfo revision, Dialect dialect, Tx tx, Session autoCommit) {
    this.revision = revision;
    this.dialect = dialect;
    this.tx = tx;
    this.autoCommit = autoCommit;
    this.schema = statements().withConnection(Connection::getSchema);
  }

  /** A context whose statements run in {@code tx}. */
  static RevisionContext inTransaction(RevisionInfo revision, Tx tx) {
    return new RevisionContext(revision, tx.dialect(), tx, null);
  }

  /** A context whose statements each commit at once in {@code session}. */
  static RevisionContext autoCommit(RevisionInfo revision, Session session) {
    return new RevisionContext(revision, session.dialect(), null, session);
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void execute(String sql) {
    failed = sql;
    statements().executeScriptStatement(sql);
    failed = null;
    executed.add(sql);
  }

  @Override
  public void copyIn(String sql, String data) {
    failed = sql;
    dialect.copyIn(statements(), sql, new StringReader(data));
    failed = null;
    executed.add(sql);
  }

  @Override
  public Tx tx() {
    if (tx == null) {
      throw new MigrationException(
          revision.origin()
              + ": revision "
              + revision.id()
              + " runs outside a transaction"
              + " (transactional = false), so it has no tx(); use execute(sql)");
    }
    return tx;
  }

  /**
   * Sets the connection's current schema back to what it was before the revision ran, as a script
   * may change it for its session (pg_dump's {@code set_config('search_path', '', false)}): the
   * revision's bookkeeping and the next user of the pooled connection find their tables as before.
   */
  void restoreSchema() {
    statements()
        .withConnection(
            c -> {
              if (schema != null && !schema.equals(c.getSchema())) {
                c.setSchema(schema);
              }
              return null;
            });
  }

  /** Where the revision's statements run: its transaction, or its auto-commit session. */
  private Tx statements() {
    return tx != null ? tx : autoCommit;
  }

  /** Whether statements commit one by one rather than with the revision. */
  boolean autoCommitted() {
    return tx == null;
  }

  /** The statements that completed, in order. */
  List<String> executed() {
    return List.copyOf(executed);
  }

  /** The statement that was running when the revision failed, if it failed in one. */
  String failedStatement() {
    return failed;
  }
}
