package dev.plinth.db.core.tx;

import dev.plinth.db.core.StatementListener;
import dev.plinth.db.core.TxFunction;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.core.dialect.SchemaChangeGuard;
import dev.plinth.db.core.dialect.TransactionGuard;
import dev.plinth.db.core.error.DbException;
import dev.plinth.db.core.retry.TransactionRetry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Locale;
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
  private final DataSource writer;
  private final DataSource reader;
  private final Dialect dialect;
  private final TransactionRetry retry;
  private final JdbcTx.Shared shared;
  private final Runnable afterDdl;
  private final StatementListener listener;

  /**
   * Creates a runner over the given pools.
   *
   * @param writer the primary's pool
   * @param reader the replica's pool, or the writer's when there is no replica
   * @param connectionDebug oslo.db's {@code connection_debug} level for statement logging
   * @param afterDdl called after each DDL statement and again when its transaction ends, to drop
   *     cached schema metadata
   * @param listener sees every statement and transaction; {@code null} for none
   */
  public TransactionRunner(
      DataSource writer,
      DataSource reader,
      Dialect dialect,
      TransactionRetry retry,
      MapperBinding mappers,
      int connectionDebug,
      Runnable afterDdl,
      StatementListener listener) {
    this.writer = writer;
    this.reader = reader;
    this.dialect = dialect;
    this.retry = retry;
    this.shared =
        new JdbcTx.Shared(dialect, mappers, new SqlLog(connectionDebug), afterDdl, listener);
    this.afterDdl = afterDdl;
    this.listener = listener;
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
      return spec.savepoint() ? inSavepoint(outer, work) : work.apply(outer);
    }
    try {
      return begin(spec, work, outer);
    } catch (Throwable first) {
      return spec.retry().retryAfter(first, () -> begin(spec, work, outer));
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

  /** Runs one attempt of a new transaction; {@code outer} is the thread's running one, if any. */
  private <T> T begin(TransactionSpec spec, TxFunction<T> work, JdbcTx outer) {
    TransactionGuard guard = guard(spec);
    Connection c = open(spec.mode() == TransactionMode.ASYNC_READER ? reader : writer, guard);
    JdbcTx tx = new JdbcTx(c, spec.mode(), shared);
    current.set(tx);
    try {
      if (listener != null) {
        listener.begin();
      }
      guard.afterBegin(c);
      T result = work.apply(tx);
      if (spec.mode() == TransactionMode.WRITER) {
        guard.beforeCommit(c);
        c.commit();
        if (listener != null) {
          listener.commit();
        }
      } else {
        rollback(c);
      }
      return result;
    } catch (SQLException e) {
      rollbackQuietly(c, e);
      throw dialect.translate(e);
    } catch (RuntimeException | Error e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      tx.close();
      if (guard != TransactionGuard.NONE) {
        restore(c, guard);
      }
      closeQuietly(c);
      if (tx.ranDdl()) {
        afterDdl.run();
      }
      // Restoring null rather than removing keeps the thread's map entry, which the next
      // transaction would otherwise allocate again; a null entry holds nothing.
      current.set(outer);
    }
  }

  private <T> T inSavepoint(JdbcTx outer, TxFunction<T> work) {
    Connection c = outer.connection();
    Savepoint sp;
    try {
      sp = c.setSavepoint();
    } catch (SQLException e) {
      throw dialect.translate(e);
    }
    try {
      T result = work.apply(outer);
      c.releaseSavepoint(sp);
      return result;
    } catch (SQLException e) {
      rollbackTo(c, sp, e);
      throw dialect.translate(e);
    } catch (RuntimeException | Error e) {
      rollbackTo(c, sp, e);
      throw e;
    }
  }

  /** The guards {@code spec} asks for, {@link TransactionGuard#NONE} where the backend has none. */
  private TransactionGuard guard(TransactionSpec spec) {
    SchemaChangeGuard schemaChange =
        spec.schemaChange() ? dialect.schemaChangeGuard() : SchemaChangeGuard.NONE;
    return TransactionGuard.both(
        schemaChange == SchemaChangeGuard.NONE ? TransactionGuard.NONE : schemaChange,
        spec.relaxedCommit() ? dialect.relaxedCommitGuard() : TransactionGuard.NONE);
  }

  private Connection open(DataSource pool, TransactionGuard guard) {
    try {
      Connection c = pool.getConnection();
      try {
        if (guard != TransactionGuard.NONE) {
          // The guard's session settings only take effect outside a transaction.
          c.setAutoCommit(true);
          guard.beforeBegin(c);
        }
        c.setAutoCommit(false);
        return c;
      } catch (SQLException e) {
        closeQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw dialect.translate(e);
    }
  }

  /**
   * Undoes the guard's session settings; a connection that refuses is aborted, so that the pool
   * discards it rather than hand out a connection with foreign keys unenforced.
   */
  private static void restore(Connection c, TransactionGuard guard) {
    try {
      c.setAutoCommit(true);
      guard.afterEnd(c);
    } catch (SQLException e) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException ignored) {
        // Aborting is the last resort; the pool's validation discards the connection anyway.
      }
    }
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

  private static void rollbackTo(Connection c, Savepoint sp, Throwable failure) {
    try {
      c.rollback(sp);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private void rollback(Connection c) throws SQLException {
    c.rollback();
    if (listener != null) {
      listener.rollback();
    }
  }

  private void rollbackQuietly(Connection c, Throwable failure) {
    try {
      rollback(c);
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // The pool evicts a connection that fails to close; the transaction's outcome stands.
    }
  }
}
