package dev.plinth.db.core;

/** Work done inside a transaction that returns nothing. */
@FunctionalInterface
public interface TxAction {
  /** Does the work; any exception rolls the transaction back. */
  void accept(Tx tx);
}
