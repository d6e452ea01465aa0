package dev.plinth.db.core;

/**
 * Work done inside a transaction that returns a value.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface TxFunction<T> {
  /** Does the work; any exception rolls the transaction back. */
  T apply(Tx tx);
}
