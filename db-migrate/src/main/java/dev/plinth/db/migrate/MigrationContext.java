package dev.plinth.db.migrate;

import dev.plinth.db.core.Tx;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.ops.Operations;
import java.io.StringReader;
import java.util.List;

/**
 * What a running revision works with. Statements given to {@link #execute(String)} are run (or, in
 * offline {@code --sql} mode, printed); {@link #tx()} gives the revision's transaction for data
 * work that needs results.
 */
public interface MigrationContext {

  /** The backend the revision runs on (or renders for, offline). */
  Dialect dialect();

  /**
   * Whether the revision is being rendered as SQL rather than run: {@code false} unless the context
   * records statements instead of running them.
   */
  default boolean offline() {
    return false;
  }

  /**
   * Runs one SQL statement in the revision's transaction, or records it offline. It runs as the
   * backend's command-line client runs it: no bind parameters, rows read and dropped, warnings
   * ignored (see {@link Tx#executeScriptStatement}).
   *
   * @throws dev.plinth.db.core.error.DbException if the statement fails
   */
  void execute(String sql);

  /**
   * Runs {@code statements} in order, as {@link #execute} runs each. A context may send them to the
   * database together, in fewer round trips; a failure still names the statement that failed.
   */
  default void executeAll(List<String> statements) {
    statements.forEach(this::execute);
  }

  /**
   * Runs a PostgreSQL {@code COPY ... FROM STDIN} statement with the rows that follow it in a psql
   * script, in the revision's transaction, or records both offline as psql input.
   *
   * @param sql the {@code COPY} statement, without its semicolon
   * @param data the rows, each line ending with a newline, without the {@code \.} end line
   * @throws dev.plinth.db.core.error.DbException if the backend has no copy-in or the copy fails
   */
  default void copyIn(String sql, String data) {
    dialect().copyIn(tx(), sql, new StringReader(data));
  }

  /**
   * The revision's transaction, for queries and data changes with bind values.
   *
   * @throws MigrationException in offline mode, where there is no database
   */
  Tx tx();

  /** The operations API (portable DDL and batch table rebuilds) of this revision. */
  default Operations op() {
    return Operations.on(this);
  }
}
