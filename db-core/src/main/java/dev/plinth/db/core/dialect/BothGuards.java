package dev.plinth.db.core.dialect;

import dev.plinth.db.core.Tx;
import java.util.function.BiConsumer;

/**
 * Two guards around one transaction: {@code outer}'s hooks first on the way in, last on the way
 * out; {@code inner}'s end hook failing still runs {@code outer}'s.
 */
record BothGuards(TransactionGuard outer, TransactionGuard inner) implements TransactionGuard {

  @Override
  public void beforeBegin(Tx tx) {
    both(tx, TransactionGuard::beforeBegin, outer, inner);
  }

  @Override
  public void afterBegin(Tx tx) {
    both(tx, TransactionGuard::afterBegin, outer, inner);
  }

  @Override
  public void beforeCommit(Tx tx) {
    both(tx, TransactionGuard::beforeCommit, inner, outer);
  }

  @Override
  public void afterEnd(Tx tx) {
    try {
      inner.afterEnd(tx);
    } finally {
      outer.afterEnd(tx);
    }
  }

  private static void both(
      Tx tx,
      BiConsumer<TransactionGuard, Tx> hook,
      TransactionGuard first,
      TransactionGuard second) {
    hook.accept(first, tx);
    hook.accept(second, tx);
  }
}
