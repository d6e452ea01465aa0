package dev.plinth.db.it.migrate.ops;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.dialect.Dialect;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.runner.OfflineContext;
import dev.plinth.db.testing.TxMigrationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs migration bodies the way the runner must: one writer transaction under {@code
 * schemaChange()} (SQLite: foreign keys off before BEGIN, foreign_key_check before COMMIT), then
 * the schema cache dropped.
 */
final class TestMigrations {
  private static final RevisionInfo RENDERED =
      new RevisionInfo(
          "ops_test",
          List.of(),
          List.of(),
          List.of(),
          Optional.empty(),
          "",
          "TestMigrations",
          true);

  private TestMigrations() {}

  /** Runs {@code body} as one revision on {@code db}. */
  static void run(Database db, Consumer<MigrationContext> body) {
    run(db, new ArrayList<>(), body);
  }

  /**
   * Runs {@code body} as one revision on {@code db}, adding each statement given to {@link
   * MigrationContext#execute} to {@code executed} before it runs.
   */
  static void run(Database db, List<String> executed, Consumer<MigrationContext> body) {
    try {
      db.writer().schemaChange().run(tx -> body.accept(new TxMigrationContext(tx, executed)));
    } finally {
      db.schema().invalidate();
    }
  }

  /** Runs {@code statements} through {@code ctx.op().execute} as one revision on {@code db}. */
  static void execute(Database db, String... statements) {
    run(db, ctx -> List.of(statements).forEach(ctx.op()::execute));
  }

  /** The number of rows {@code sql} returns. */
  static long count(Database db, String sql) {
    Long n = db.reader().call(tx -> tx.count(sql));
    return n;
  }

  /** The first column of every row {@code sql} returns, as strings. */
  static List<String> strings(Database db, String sql) {
    List<String> rows = db.reader().call(tx -> tx.query(sql, rs -> rs.getString(1)));
    return rows;
  }

  /** Renders {@code body} offline for {@code dialect} and returns the statements. */
  static List<String> offline(Dialect dialect, Consumer<MigrationContext> body) {
    OfflineContext ctx = new OfflineContext(RENDERED, dialect);
    body.accept(ctx);
    return ctx.statements();
  }
}
