package dev.plinth.db.migrate.ops;

import dev.plinth.db.core.dialect.DdlRenderer;
import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.batch.BatchAlterTable;
import dev.plinth.db.migrate.batch.BatchMigration;
import dev.plinth.db.migrate.batch.Recreate;
import dev.plinth.db.migrate.change.TableChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Portable DDL for migrations, after Alembic's {@code op}: every statement is rendered by the
 * backend's {@link DdlRenderer} and handed to {@link MigrationContext#execute(String)}, so that
 * offline mode prints what would run. A change the backend cannot make in place (most ALTERs on
 * SQLite) throws {@link dev.plinth.db.core.error.DbNotSupportedException} naming {@link
 * #batchAlterTable}, which rebuilds the table instead.
 */
public final class Operations {
  private final MigrationContext ctx;
  private DdlRenderer ddl;

  private Operations(MigrationContext ctx) {
    this.ctx = ctx;
  }

  /** The operations of the revision running in {@code ctx}. */
  public static Operations on(MigrationContext ctx) {
    return new Operations(ctx);
  }

  /** Creates {@code table} with its constraints and indexes. */
  public void createTable(Table table) {
    ddl().createTable(table).forEach(ctx::execute);
  }

  /** Drops the table {@code name}. */
  public void dropTable(String name) {
    ctx.execute(ddl().dropTable(name));
  }

  /** Renames table {@code from} to {@code to}. */
  public void renameTable(String from, String to) {
    ctx.execute(ddl().renameTable(from, to));
  }

  /** Adds {@code column} to {@code table}. */
  public void addColumn(String table, Column column) {
    change(table, new TableChange.AddColumn(column));
  }

  /**
   * Drops {@code column} from {@code table}.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if the backend cannot (SQLite before
   *     3.35)
   */
  public void dropColumn(String table, String column) {
    change(table, new TableChange.DropColumn(column));
  }

  /**
   * Alters {@code column} of {@code table}: {@code change} turns its current definition into the
   * new one. Made NOT NULL with a default, rows holding NULL get the default first.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException on SQLite, unless only the name
   *     changes
   * @throws IllegalStateException offline, where the current definition cannot be read
   */
  public void alterColumn(String table, String column, UnaryOperator<Column> change) {
    change(table, new TableChange.AlterColumn(column, change));
  }

  /** Renames column {@code from} of {@code table} to {@code to}. */
  public void renameColumn(String table, String from, String to) {
    change(table, new TableChange.RenameColumn(from, to));
  }

  /** Creates {@code index} on {@code table}. */
  public void createIndex(String table, Index index) {
    change(table, new TableChange.CreateIndex(index));
  }

  /** Drops the index {@code name} of {@code table}. */
  public void dropIndex(String table, String name) {
    change(table, new TableChange.DropIndex(name));
  }

  /** Adds a unique constraint to {@code table}. */
  public void createUniqueConstraint(String table, UniqueConstraint unique) {
    change(table, new TableChange.AddUnique(unique));
  }

  /** Adds a foreign key to {@code table}. */
  public void createForeignKey(String table, ForeignKey foreignKey) {
    change(table, new TableChange.AddForeignKey(foreignKey));
  }

  /** Adds a check constraint to {@code table}. */
  public void createCheckConstraint(String table, CheckConstraint check) {
    change(table, new TableChange.AddCheck(check));
  }

  /**
   * Drops the unique constraint, foreign key or check constraint {@code name} of {@code table}.
   *
   * @throws IllegalStateException offline, where the constraint's kind cannot be read
   */
  public void dropConstraint(String table, String name) {
    change(table, new TableChange.DropConstraint(name));
  }

  /**
   * Drops the primary key of {@code table}; its columns stay.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException on SQLite: use {@link
   *     #batchAlterTable(String, UnaryOperator)}
   */
  public void dropPrimaryKey(String table) {
    change(table, new TableChange.DropPrimaryKey());
  }

  /**
   * Creates the primary key of {@code table}, which has none, over {@code columns}. To change a
   * key, drop and create it in one {@link #batchAlterTable(String, UnaryOperator)}, which MySQL
   * makes as one ALTER TABLE and SQLite by a rebuild.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException on SQLite, and on MySQL where an
   *     AUTO_INCREMENT column would lead no key
   */
  public void createPrimaryKey(String table, List<String> columns) {
    change(table, new TableChange.AddPrimaryKey(columns));
  }

  /** Runs {@code sql} as it is. */
  public void execute(String sql) {
    ctx.execute(sql);
  }

  /**
   * Inserts {@code rows} into {@code table}, each holding one value per column of {@code columns}:
   * as one batch with bind values online, as INSERT statements with literals offline.
   *
   * @throws IllegalArgumentException if a row's size differs from the number of columns
   */
  public void bulkInsert(String table, List<String> columns, List<? extends List<?>> rows) {
    rows.stream()
        .filter(r -> r.size() != columns.size())
        .findFirst()
        .ifPresent(
            r -> {
              throw new IllegalArgumentException(
                  "bulk insert into " + table + ": row " + r + " does not match " + columns);
            });
    String into =
        "INSERT INTO "
            + ddl().quote(table)
            + columns.stream().map(ddl()::quote).collect(Collectors.joining(", ", " (", ")"));
    if (ctx.offline()) {
      rows.forEach(
          r ->
              ctx.execute(
                  into
                      + r.stream()
                          .map(ddl()::literal)
                          .collect(Collectors.joining(", ", " VALUES (", ")"))));
      return;
    }
    List<Object[]> values = new ArrayList<>();
    rows.forEach(r -> values.add(r.toArray()));
    String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
    ctx.tx().batch(into + " VALUES (" + marks + ")", values);
  }

  /** Applies the changes {@code changes} adds to the batch, with {@link Recreate#AUTO}. */
  public void batchAlterTable(String table, UnaryOperator<BatchAlterTable> changes) {
    batchAlterTable(table, Recreate.AUTO, changes);
  }

  /**
   * Applies the changes {@code changes} adds to the batch at once: in place where the backend can
   * and {@code recreate} allows, otherwise by one move-and-copy of the table inside the revision's
   * transaction that keeps its rows, its columns' types, defaults, collations and auto-increment,
   * its indexes, constraints, incoming foreign keys, triggers and the views that use it.
   *
   * @throws dev.plinth.db.core.error.DbNotSupportedException if {@code recreate} is NEVER and a
   *     change cannot be made in place
   * @throws dev.plinth.db.migrate.MigrationException offline, if a rebuild is needed and the batch
   *     gives no {@link BatchAlterTable#copyFrom(Table)} shape
   */
  public void batchAlterTable(
      String table, Recreate recreate, UnaryOperator<BatchAlterTable> changes) {
    new BatchMigration(ctx, ddl()).run(changes.apply(BatchAlterTable.on(table)), recreate);
  }

  private void change(String table, TableChange change) {
    Table current =
        change.needsCurrentShape() && !ctx.offline()
            ? ctx.dialect().schemaIntrospector().table(ctx.tx(), table).orElse(null)
            : null;
    change.inPlace(ddl(), table, current).forEach(ctx::execute);
  }

  private DdlRenderer ddl() {
    if (ddl == null) {
      DdlRenderer base = ctx.dialect().ddl();
      ddl = ctx.offline() ? base : base.forVersion(ctx.dialect().serverVersion(ctx.tx()));
    }
    return ddl;
  }
}
