package dev.plinth.db.migrate.runner;

import dev.plinth.db.core.Session;
import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.tx.DdlStatements;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.MigrationException;
import dev.plinth.db.migrate.RevisionInfo;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@link MigrationContext} of one running revision. A transactional revision runs its
 * statements in the revision's transaction; a non-transactional one runs each on an auto-commit
 * {@link Session}, where it commits at once. Either way the statements that completed are
 * remembered, so that a failure can say what stayed applied.
 *
 * <p>Where statements travel together (see {@link StatementBatch}), a transactional context holds
 * back the statements of {@link #executeAll} until something else needs the connection, so that the
 * revision's bookkeeping can go with them ({@link #sendWith}); settings the transaction needs
 * before its first statement (the preamble) go with whatever is sent first.
 */
final class RevisionContext implements MigrationContext {
  private final RevisionInfo revision;
  private final Dialect dialect;
  private final Tx tx;
  private final Session autoCommit;
  private final List<String> executed = new ArrayList<>();
  private final String schema;
  private final Runnable afterDdl;
  private List<String> preamble;
  private List<String> pending;
  private boolean sent;
  private String failed;
  private String leftAt;

  private RevisionContext(
      RevisionInfo revision,
      Dialect dialect,
      Tx tx,
      Session autoCommit,
      String schema,
      List<String> preamble,
      Runnable afterDdl) {
    this.revision = revision;
    this.dialect = dialect;
    this.tx = tx;
    this.autoCommit = autoCommit;
    this.sent = schema == null;
    this.schema = schema != null ? schema : statements().withConnection(Connection::getSchema);
    this.preamble = preamble;
    this.afterDdl = afterDdl;
  }

  /**
   * A context whose statements run in {@code tx}.
   *
   * @param schema the connection's current schema if known (the one the previous revision of the
   *     run left it at), or null to read it
   * @param preamble statements to run in the transaction before anything else; not empty only where
   *     statements travel together
   * @param afterDdl drops cached schema metadata after statements sent together ran DDL
   */
  static RevisionContext inTransaction(
      RevisionInfo revision, Tx tx, String schema, List<String> preamble, Runnable afterDdl) {
    return new RevisionContext(revision, tx.dialect(), tx, null, schema, preamble, afterDdl);
  }

  /** A context whose statements each commit at once in {@code session}; see above. */
  static RevisionContext autoCommit(
      RevisionInfo revision, Session session, String schema, Runnable afterDdl) {
    return new RevisionContext(
        revision, session.dialect(), null, session, schema, List.of(), afterDdl);
  }

  /** The connection's current schema before the revision ran, which it is set back to after. */
  String schema() {
    return schema;
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void execute(String sql) {
    sendPending();
    failed = sql;
    leftAt = null;
    statements().executeScriptStatement(sql);
    failed = null;
    executed.add(sql);
  }

  /**
   * Runs {@code statements} in one round trip where the dialect allows it and they run in the
   * revision's transaction (see {@link StatementBatch}): holds them back until something else needs
   * the connection, then sends them; if one fails, rolls back to the batch's savepoint and runs
   * them one by one, so that the failure names its statement as {@link #execute} does. Elsewhere
   * runs each through {@link #execute}.
   */
  @Override
  public void executeAll(List<String> statements) {
    if (tx == null || dialect.statementBatchSchemaQuery().isEmpty()) {
      statements.forEach(this::execute);
      return;
    }
    if (pending != null) {
      send(null);
    }
    if (!statements.isEmpty()) {
      pending = List.copyOf(statements);
    }
  }

  /**
   * Sends the statements held back by {@link #executeAll} with {@code tail} after them, in the same
   * round trip, if they are all the revision has run and nothing of the revision has been sent yet
   * (so the transaction begins with them).
   *
   * @return the update count of {@code tail}, or empty if it did not run: nothing was held back,
   *     something had been sent before, or a statement failed and they ran one by one
   */
  OptionalInt sendWith(String tail) {
    return holdsAll() ? send(tail) : OptionalInt.empty();
  }

  /**
   * Whether {@link #sendWith} would send: statements are held back and nothing of the revision has
   * reached the connection yet.
   */
  boolean holdsAll() {
    return !sent && pending != null;
  }

  /** Sends what {@link #executeAll} held back, or else the preamble if it has not gone yet. */
  private void sendPending() {
    if (pending != null) {
      send(null);
    } else if (!preamble.isEmpty()) {
      List<String> settings = preamble;
      preamble = List.of();
      sent = true;
      settings.forEach(tx::executeScriptStatement);
    }
  }

  private OptionalInt send(String tail) {
    List<String> statements = pending;
    List<String> settings = preamble;
    pending = null;
    preamble = List.of();
    sent = true;
    String schemaQuery = dialect.statementBatchSchemaQuery().orElseThrow();
    try {
      StatementBatch.Result done =
          tx.withConnection(c -> StatementBatch.run(c, settings, statements, schemaQuery, tail));
      leftAt = done.schema();
      executed.addAll(statements);
      return tail != null ? OptionalInt.of(done.tailCount()) : OptionalInt.empty();
    } catch (DbException batchFailure) {
      leftAt = null;
      try {
        tx.executeScriptStatement("ROLLBACK TO SAVEPOINT " + StatementBatch.SAVEPOINT);
      } catch (DbException e) {
        batchFailure.addSuppressed(e);
        throw batchFailure;
      }
      statements.forEach(this::execute);
      return OptionalInt.empty();
    } finally {
      if (statements.stream().anyMatch(DdlStatements::isDdl)) {
        afterDdl.run();
      }
    }
  }

  @Override
  public void copyIn(String sql, String data) {
    sendPending();
    failed = sql;
    leftAt = null;
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
    sendPending();
    return tx;
  }

  /**
   * Sets the connection's current schema back to what it was before the revision ran, as a script
   * may change it for its session (pg_dump's {@code set_config('search_path', '', false)}): the
   * revision's bookkeeping and the next user of the pooled connection find their tables as before.
   */
  void restoreSchema() {
    sendPending();
    statements()
        .withConnection(
            c -> {
              String now = leftAt != null ? leftAt : c.getSchema();
              if (schema != null && !schema.equals(now)) {
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
