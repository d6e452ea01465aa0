package dev.plinth.db.core.tx;

import dev.plinth.db.core.DatabaseMetrics;
import dev.plinth.db.core.DatabaseMetrics.Outcome;
import dev.plinth.db.core.Session;
import dev.plinth.db.core.StatementListener;
import dev.plinth.db.core.TxFunction;
import dev.plinth.db.core.dialect.CommitCheck;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.SchemaChangeGuard;
import dev.plinth.db.core.dialect.TransactionGuard;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.error.DeadlockException;
import dev.plinth.db.core.pool.ConnectionSources;
import dev.plinth.db.core.retry.TransactionRetry;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Runs transaction blocks with oslo.db's enginefacade rules. The running transaction is bound to
 * the thread: a nested block joins it (or a savepoint of it), an independent block gets its own
 * connection, and only the outermost block commits, rolls back and retries. Nesting a writer inside
 * a reader, or anything but another async reader inside an async reader, is refused.
 */
public final class TransactionRunner {
  private final ThreadLocal<JdbcTx> current = new ThreadLocal<>();
  private final ConnectionSources sources;
  private final Dialect dialect;
  private final TransactionRetry retry;
  private final JdbcTx.Shared shared;
  private final Runnable afterDdl;
  private final StatementListener listener;
  private final DatabaseMetrics metrics;

  /**
   * Creates a runner over the given connection sources.
   *
   * @param connectionDebug oslo.db's {@code connection_debug} level for statement logging
   * @param afterDdl called after each DDL statement and again when its transaction ends, to drop
   *     cached schema metadata
   * @param listener sees every statement and transaction; {@code null} for none
   * @param metrics told how each outermost transaction ended; {@code null} for none
   * @param commits the dialect's {@link Dialect#commitCheck} for this database
   */
  public TransactionRunner(
      ConnectionSources sources,
      Dialect dialect,
      CommitCheck commits,
      TransactionRetry retry,
      MapperBinding mappers,
      int connectionDebug,
      Runnable afterDdl,
      StatementListener listener,
      DatabaseMetrics metrics) {
    this.sources = sources;
    this.dialect = dialect;
    this.retry = retry;
    this.shared =
        new JdbcTx.Shared(
            dialect,
            mappers,
            new SqlLog(connectionDebug),
            afterDdl,
            listener,
            new AtomicInteger(),
            commits,
            sources.lentInAutoCommit());
    this.afterDdl = afterDdl;
    this.listener = listener;
    this.metrics = metrics;
    if (listener != null) {
      mappers.report(listener);
    }
  }

  /**
   * Runs {@code work} as {@code spec} says.
   *
   * @throws IllegalStateException if the nesting is not allowed
   * @throws DbException for any database failure, after retries where they apply
   */
  public <T> T execute(TransactionSpec spec, TxFunction<T> work) {
    JdbcTx outer = current.get();
    if (outer != null && !spec.independent()) {
      checkNesting(outer.mode(), spec.mode());
      if (spec.schemaChange()) {
        throw new IllegalStateException(
            "a schema-change transaction must be the outermost one on its thread:"
                + " foreign-key enforcement cannot change inside a running transaction");
      }
      return spec.savepoint() ? outer.inSavepoint(work) : work.apply(outer);
    }
    try {
      return measured(spec, work, outer);
    } catch (Throwable first) {
      return spec.retry().retryAfter(first, () -> measured(spec, work, outer));
    }
  }

  /**
   * Prepares the retry policy for outermost transactions of {@code mode} that also retry on {@code
   * retryIf}, once per {@link TransactionSpec} rather than once per transaction.
   */
  public TransactionRetry.Policy retryPolicy(
      TransactionMode mode, Predicate<? super Throwable> retryIf) {
    return retry.policy(retryIf, mode.name().toLowerCase(Locale.ROOT) + " transaction");
  }

  /**
   * Opens a {@link Session} on a connection of its own from the sessions' source, in auto-commit
   * mode, sharing this runner's dialect, statement log and listener.
   *
   * @throws DbException if the connection cannot be opened
   */
  public Session openSession() {
    JdbcTx session = JdbcTx.open(sources.sessions(), TransactionMode.WRITER, shared);
    try {
      session.withConnection(
          c -> {
            c.setAutoCommit(true);
            return null;
          });
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Opens one connection from {@code source} and closes it again: the check that a database
   * answers.
   *
   * @throws DbException if the connection cannot be opened
   */
  public static void checkConnection(DataSource source, Dialect dialect) {
    JdbcTx.translating(
        dialect,
        () -> {
          JdbcTx.connect(source, dialect).close();
          return null;
        });
  }

  /**
   * How many connections this runner's transactions and sessions hold now: zero when no work runs
   * and every session is closed.
   */
  public int connectionsInUse() {
    return shared.inUse().get();
  }

  /**
   * The JDBC URL a connection from {@code source} reports in its metadata, for telling its backend.
   *
   * @param hint the dialect that classifies a failure to connect; {@code null} to classify it by
   *     SQLSTATE alone, as the backend is not known yet
   * @throws DbException if no connection can be opened
   */
  public static String metadataUrl(DataSource source, Dialect hint) {
    return JdbcTx.translating(
        hint,
        () -> {
          try (Connection c = source.getConnection()) {
            return c.getMetaData().getURL();
          }
        });
  }

  /** Runs one attempt of a new transaction, and tells the metrics, if any, how it ended. */
  private <T> T measured(TransactionSpec spec, TxFunction<T> work, JdbcTx outer) {
    if (metrics == null) {
      return begin(spec, work, outer);
    }
    long start = System.nanoTime();
    Outcome outcome = Outcome.ROLLBACK;
    try {
      T result = begin(spec, work, outer);
      if (spec.mode() == TransactionMode.WRITER) {
        outcome = Outcome.COMMIT;
      }
      return result;
    } catch (DbException e) {
      outcome = Outcome.FAILED;
      if (e instanceof DeadlockException) {
        metrics.deadlock();
      }
      throw e;
    } finally {
      metrics.transactionEnded(spec.mode(), outcome, System.nanoTime() - start);
    }
  }

  /**
   * Runs one attempt of a new transaction, an async reader's where the replica routing sends it;
   * {@code outer} is the thread's running one, if any.
   */
  private <T> T begin(TransactionSpec spec, TxFunction<T> work, JdbcTx outer) {
    if (spec.mode() == TransactionMode.ASYNC_READER) {
      return sources.asyncReads().read(source -> beginOn(source, spec, work, outer));
    }
    return beginOn(sources.writer(), spec, work, outer);
  }

  private <T> T beginOn(DataSource source, TransactionSpec spec, TxFunction<T> work, JdbcTx outer) {
    TransactionGuard guard = guard(spec);
    JdbcTx tx = JdbcTx.open(source, spec.mode(), shared);
    tx.begin(guard);
    current.set(tx);
    T result;
    LostCommit lost = null;
    try {
      if (listener != null) {
        listener.begin();
      }
      guard.afterBegin(tx);
      result = work.apply(tx);
      if (spec.mode() == TransactionMode.WRITER) {
        guard.beforeCommit(tx);
        lost = tx.commit();
      } else {
        rollback(tx);
      }
    } catch (RuntimeException | Error e) {
      try {
        rollback(tx);
      } catch (DbException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
      }
      throw e;
    } finally {
      tx.end(guard);
      if (tx.ranDdl()) {
        afterDdl.run();
      }
      // Restoring null rather than removing keeps the thread's map entry, which the next
      // transaction would otherwise allocate again; a null entry holds nothing.
      current.set(outer);
    }
    if (lost != null) {
      // Settled after the dead connection went back, so that the look-up never waits for it.
      lost.resolve(sources.sessions(), dialect);
    }
    if (spec.mode() == TransactionMode.WRITER && listener != null) {
      listener.commit();
    }
    return result;
  }

  /** The guards {@code spec} asks for, {@link TransactionGuard#NONE} where the backend has none. */
  private TransactionGuard guard(TransactionSpec spec) {
    SchemaChangeGuard schemaChange =
        spec.schemaChange() ? dialect.schemaChangeGuard() : SchemaChangeGuard.NONE;
    return TransactionGuard.both(
        schemaChange == SchemaChangeGuard.NONE ? TransactionGuard.NONE : schemaChange,
        spec.relaxedCommit() ? dialect.relaxedCommitGuard() : TransactionGuard.NONE);
  }

  private static void checkNesting(TransactionMode outer, TransactionMode inner) {
    if (outer == TransactionMode.READER && inner == TransactionMode.WRITER) {
      throw new IllegalStateException(
          "cannot upgrade a reader transaction to a writer mid-transaction: "
              + "start the outer block with writer()");
    }
    if (outer == TransactionMode.ASYNC_READER && inner != TransactionMode.ASYNC_READER) {
      throw new IllegalStateException(
          "cannot run a "
              + inner.name().toLowerCase()
              + " block inside an async reader, which may be reading a lagging replica: "
              + "start the outer block with "
              + (inner == TransactionMode.WRITER ? "writer()" : "reader()"));
    }
  }

  private void rollback(JdbcTx tx) {
    tx.rollback();
    if (listener != null) {
      listener.rollback();
    }
  }
}
