package dev.plinth.db.core.tx;

import dev.plinth.db.core.retry.TransactionRetry;
import java.util.function.Predicate;

/**
 * How to run one transaction block.
 *
 * @param mode writer, reader or async reader
 * @param independent run in a new transaction on a new connection even inside another
 * @param savepoint when nested, run inside a savepoint of the outer transaction
 * @param retryIf extra failures, besides deadlocks and lost connections, that retry the outermost
 *     transaction
 * @param schemaChange run the dialect's {@link dev.plinth.db.core.dialect.SchemaChangeGuard} around
 *     the transaction, which must then be the outermost one
 * @param relaxedCommit run the dialect's {@link
 *     dev.plinth.db.core.dialect.Dialect#relaxedCommitGuard() relaxed-commit guard} around the
 *     transaction when it is the outermost one
 * @param retry the retry policy prepared for {@code mode} and {@code retryIf}, by {@link
 *     TransactionRunner#retryPolicy}
 */
public record TransactionSpec(
    TransactionMode mode,
    boolean independent,
    boolean savepoint,
    Predicate<? super Throwable> retryIf,
    boolean schemaChange,
    boolean relaxedCommit,
    TransactionRetry.Policy retry) {}
