package dev.plinth.db.core;

import dev.plinth.db.core.tx.TransactionMode;
import dev.plinth.db.core.tx.TransactionRunner;
import dev.plinth.db.core.tx.TransactionSpec;
import java.util.function.Predicate;

/**
 * An immutable description of a transaction block, obtained from {@link Database#writer()}, {@link
 * Database#reader()} or {@link Database#asyncReader()} and refined with {@link #independent()},
 * {@link #savepoint()} and {@link #retryIf(Predicate)}. Nested on one thread, a block joins the
 * running transaction; only the outermost block commits (writers) or rolls back (readers), and only
 * it is retried after a deadlock or a lost connection.
 */
public final class TransactionScope {
  private final TransactionRunner runner;
  private final TransactionSpec spec;

  TransactionScope(TransactionRunner runner, TransactionMode mode) {
    this(
        runner,
        new TransactionSpec(
            mode,
            false,
            false,
            failure -> false,
            false,
            false,
            runner.retryPolicy(mode, failure -> false)));
  }

  private TransactionScope(TransactionRunner runner, TransactionSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  private TransactionScope with(
      boolean independent, boolean savepoint, boolean schemaChange, boolean relaxedCommit) {
    return new TransactionScope(
        runner,
        new TransactionSpec(
            spec.mode(),
            independent,
            savepoint,
            spec.retryIf(),
            schemaChange,
            relaxedCommit,
            spec.retry()));
  }

  /**
   * Returns a scope that always starts a new transaction on its own connection, even inside another
   * one; the outer transaction resumes afterwards.
   *
   * @throws IllegalStateException if this scope is a savepoint scope
   */
  public TransactionScope independent() {
    if (spec.savepoint()) {
      throw new IllegalStateException("setting savepoint and independent makes no sense");
    }
    return with(true, false, spec.schemaChange(), spec.relaxedCommit());
  }

  /**
   * Returns a scope that, when nested, runs inside a savepoint: a failure rolls back only this
   * block's work and the outer transaction can go on.
   *
   * @throws IllegalStateException if this scope is an independent scope
   */
  public TransactionScope savepoint() {
    if (spec.independent()) {
      throw new IllegalStateException("setting savepoint and independent makes no sense");
    }
    return with(false, true, spec.schemaChange(), spec.relaxedCommit());
  }

  /**
   * Returns a scope whose outermost transaction is also retried on failures matching {@code
   * predicate}, on the same schedule as deadlocks.
   */
  public TransactionScope retryIf(Predicate<? super Throwable> predicate) {
    Predicate<? super Throwable> before = spec.retryIf();
    Predicate<Throwable> both = failure -> before.test(failure) || predicate.test(failure);
    return new TransactionScope(
        runner,
        new TransactionSpec(
            spec.mode(),
            spec.independent(),
            spec.savepoint(),
            both,
            spec.schemaChange(),
            spec.relaxedCommit(),
            runner.retryPolicy(spec.mode(), both)));
  }

  /**
   * Returns a scope for a transaction that changes the schema, table rebuilds included: the
   * dialect's {@link dev.plinth.db.core.dialect.SchemaChangeGuard} runs around it (on SQLite:
   * foreign keys off before BEGIN, {@code PRAGMA foreign_key_check} before COMMIT, on again after).
   * Such a block must be the outermost transaction on its thread, or be {@link #independent()}.
   */
  public TransactionScope schemaChange() {
    return with(spec.independent(), spec.savepoint(), true, spec.relaxedCommit());
  }

  /**
   * Returns a scope whose outermost transaction commits without waiting for its changes to be
   * safely on disk, for work that is safe to redo: a crash of the server or machine soon after may
   * undo such a transaction, but never half of it, and never a transaction that committed before it
   * unless that one was relaxed too. The next commit that is not relaxed makes it durable.
   * PostgreSQL: {@code SET LOCAL synchronous_commit = off}; SQLite in WAL mode: {@code PRAGMA
   * synchronous = NORMAL} for the transaction; MySQL: no per-transaction setting, so no change.
   */
  public TransactionScope relaxedCommit() {
    return with(spec.independent(), spec.savepoint(), spec.schemaChange(), true);
  }

  /**
   * Runs {@code work} in this scope and returns its result.
   *
   * @throws dev.plinth.db.core.error.DbException for database failures, after any retries
   * @throws IllegalStateException if this block may not nest inside the running one
   */
  public <T> T call(TxFunction<T> work) {
    return runner.execute(spec, work);
  }

  /**
   * Runs {@code work} in this scope.
   *
   * @throws dev.plinth.db.core.error.DbException for database failures, after any retries
   * @throws IllegalStateException if this block may not nest inside the running one
   */
  public void run(TxAction work) {
    runner.execute(
        spec,
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
