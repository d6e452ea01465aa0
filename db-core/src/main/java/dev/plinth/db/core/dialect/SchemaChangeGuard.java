package dev.plinth.db.core.dialect;

import dev.plinth.db.core.Tx;
import java.util.List;

/**
 * What a backend needs around a transaction that rebuilds tables: SQLite must switch foreign-key
 * enforcement off before the transaction begins (it cannot change inside one), check every foreign
 * key itself before committing, and switch enforcement back on afterwards. Obtained from {@link
 * Dialect#schemaChangeGuard()}, one per transaction; {@link
 * dev.plinth.db.core.TransactionScope#schemaChange()} calls it around a writer transaction, and
 * offline scripts write its {@link #script()} around each transaction they hold.
 */
public interface SchemaChangeGuard extends TransactionGuard {

  /** The guard of backends that need nothing around a schema change. */
  SchemaChangeGuard NONE = new SchemaChangeGuard() {};

  /**
   * Runs inside the transaction, just before it commits.
   *
   * @throws dev.plinth.db.core.error.ReferenceException if a row's foreign key points at no row;
   *     the message names the tables and rows, and the caller rolls back
   * @throws dev.plinth.db.core.error.DbException if the check cannot run
   */
  @Override
  default void beforeCommit(Tx tx) {}

  /**
   * The guard as statements of an offline SQL script, which begins and commits its transactions
   * itself; nothing by default.
   */
  default Script script() {
    return Script.NONE;
  }

  /**
   * A guard written as SQL, for a script run by the backend's own client.
   *
   * @param note comment lines (without {@code --}) telling the operator what the guard does and how
   *     a violation shows, written once at the top of a script that uses the guard
   * @param beforeBegin statements just before {@code BEGIN}
   * @param beforeCommit statements just before {@code COMMIT}; on a violation one of them fails and
   *     rolls the transaction back
   * @param afterEnd statements just after {@code COMMIT}
   */
  record Script(
      List<String> note,
      List<String> beforeBegin,
      List<String> beforeCommit,
      List<String> afterEnd) {

    /** The script of a guard that does nothing. */
    public static final Script NONE = new Script(List.of(), List.of(), List.of(), List.of());

    /** Copies the lists. */
    public Script {
      note = List.copyOf(note);
      beforeBegin = List.copyOf(beforeBegin);
      beforeCommit = List.copyOf(beforeCommit);
      afterEnd = List.copyOf(afterEnd);
    }
  }
}
