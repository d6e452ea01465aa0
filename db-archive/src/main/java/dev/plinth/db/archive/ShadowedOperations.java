package dev.plinth.db.archive;

import dev.plinth.db.archive.internal.ShadowModel;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.migrate.MigrationContext;
import dev.plinth.db.migrate.batch.BatchAlterTable;
import dev.plinth.db.migrate.change.TableChange;
import dev.plinth.db.migrate.ops.Operations;
import java.util.function.UnaryOperator;

/**
 * The operations that change a table's columns, applied to the table and its {@code shadow_} table
 * in the same revision, so that archiving never meets a drifted shadow. The shadow gets the same
 * column changes and nothing else: no indexes, unique, foreign-key or check constraints, and no
 * auto-increment, as {@link ShadowTables} creates it.
 *
 * <pre>{@code
 * ShadowedOperations.on(ctx).addColumn("instances", Column.of("locked_by", SqlType.varchar(255)));
 * }</pre>
 */
public final class ShadowedOperations {
  private final Operations op;

  private ShadowedOperations(Operations op) {
    this.op = op;
  }

  /** Operations of the running revision that keep shadow tables in step. */
  public static ShadowedOperations on(MigrationContext ctx) {
    return new ShadowedOperations(ctx.op());
  }

  /** Creates {@code table} and its shadow. */
  public void createTable(Table table) {
    op.createTable(table);
    op.createTable(ShadowModel.shadowOf(table));
  }

  /** Drops {@code table} and its shadow. */
  public void dropTable(String table) {
    op.dropTable(table);
    op.dropTable(ShadowModel.shadowName(table));
  }

  /** Renames {@code from} to {@code to}, and {@code shadow_from} to {@code shadow_to}. */
  public void renameTable(String from, String to) {
    op.renameTable(from, to);
    op.renameTable(ShadowModel.shadowName(from), ShadowModel.shadowName(to));
  }

  /** Adds {@code column} to the table and (without auto-increment) to its shadow. */
  public void addColumn(String table, Column column) {
    op.addColumn(table, column);
    op.addColumn(ShadowModel.shadowName(table), plain(column));
  }

  /** Drops {@code column} from the table and its shadow. */
  public void dropColumn(String table, String column) {
    op.dropColumn(table, column);
    op.dropColumn(ShadowModel.shadowName(table), column);
  }

  /** Alters {@code column} of the table and its shadow alike. */
  public void alterColumn(String table, String column, UnaryOperator<Column> change) {
    op.alterColumn(table, column, change);
    op.alterColumn(ShadowModel.shadowName(table), column, c -> plain(change.apply(c)));
  }

  /** Renames {@code from} to {@code to} in the table and its shadow. */
  public void renameColumn(String table, String from, String to) {
    op.renameColumn(table, from, to);
    op.renameColumn(ShadowModel.shadowName(table), from, to);
  }

  /**
   * Runs a batch on the table, and the batch's column changes on the shadow (its index and
   * constraint changes do not apply to a shadow).
   */
  public void batchAlterTable(String table, UnaryOperator<BatchAlterTable> changes) {
    BatchAlterTable main = changes.apply(BatchAlterTable.on(table));
    op.batchAlterTable(table, b -> main);
    op.batchAlterTable(ShadowModel.shadowName(table), b -> columnChangesOf(main, b));
  }

  private static BatchAlterTable columnChangesOf(BatchAlterTable main, BatchAlterTable shadow) {
    BatchAlterTable b = shadow;
    for (TableChange change : main.changes()) {
      if (change instanceof TableChange.AddColumn add) {
        b = b.addColumn(plain(add.column()));
      } else if (change instanceof TableChange.DropColumn drop) {
        b = b.dropColumn(drop.column());
      } else if (change instanceof TableChange.AlterColumn alter) {
        b = b.alterColumn(alter.column(), c -> plain(alter.change().apply(c)));
      } else if (change instanceof TableChange.RenameColumn rename) {
        b = b.renameColumn(rename.from(), rename.to());
      }
    }
    return b;
  }

  private static Column plain(Column c) {
    return new Column(c.name(), c.type(), c.nullable(), c.serverDefault(), false);
  }
}
