package dev.plinth.db.migrate.batch;

import dev.plinth.db.core.schema.CheckConstraint;
import dev.plinth.db.core.schema.Column;
import dev.plinth.db.core.schema.ForeignKey;
import dev.plinth.db.core.schema.Index;
import dev.plinth.db.core.schema.Table;
import dev.plinth.db.core.schema.UniqueConstraint;
import dev.plinth.db.migrate.change.TableChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The changes of one batch on one table, collected in order; immutable, each method returns a new
 * batch. Passed to {@link dev.plinth.db.migrate.ops.Operations#batchAlterTable}, which applies them
 * all at once, by one table rebuild where the backend needs it.
 */
public final class BatchAlterTable {
  private final String table;
  private final List<TableChange> changes;
  private final Table copyFrom;

  private BatchAlterTable(String table, List<TableChange> changes, Table copyFrom) {
    this.table = table;
    this.changes = List.copyOf(changes);
    this.copyFrom = copyFrom;
  }

  /** An empty batch on {@code table}. */
  public static BatchAlterTable on(String table) {
    return new BatchAlterTable(table, List.of(), null);
  }

  /** The table the batch changes. */
  public String table() {
    return table;
  }

  /** The changes, in the order they were given. */
  public List<TableChange> changes() {
    return changes;
  }

  /** The table's current shape as given by {@link #copyFrom(Table)}, if it was. */
  public Optional<Table> copyFrom() {
    return Optional.ofNullable(copyFrom);
  }

  /**
   * This batch taking {@code current} as the table's current shape instead of reading it from the
   * database: needed offline, where a rebuild cannot read the table.
   */
  public BatchAlterTable copyFrom(Table current) {
    return new BatchAlterTable(table, changes, current);
  }

  /** Adds {@code column}. */
  public BatchAlterTable addColumn(Column column) {
    return with(new TableChange.AddColumn(column));
  }

  /** Drops {@code column}, with the indexes and constraints that use it. */
  public BatchAlterTable dropColumn(String column) {
    return with(new TableChange.DropColumn(column));
  }

  /**
   * Alters {@code column}: {@code change} turns its current definition into the new one ({@code c
   * -> c.type(SqlType.bigint()).notNull().serverDefault("0")}, {@code c -> c.collation("NOCASE")}).
   * What {@code change} leaves alone, the collation included, stays as it is. Made NOT NULL with a
   * default, rows holding NULL get the default.
   */
  public BatchAlterTable alterColumn(String column, UnaryOperator<Column> change) {
    return with(new TableChange.AlterColumn(column, change));
  }

  /** Renames column {@code from} to {@code to}. */
  public BatchAlterTable renameColumn(String from, String to) {
    return with(new TableChange.RenameColumn(from, to));
  }

  /** Creates {@code index}. */
  public BatchAlterTable createIndex(Index index) {
    return with(new TableChange.CreateIndex(index));
  }

  /** Drops the index called {@code name}. */
  public BatchAlterTable dropIndex(String name) {
    return with(new TableChange.DropIndex(name));
  }

  /** Adds a unique constraint. */
  public BatchAlterTable addUniqueConstraint(UniqueConstraint unique) {
    return with(new TableChange.AddUnique(unique));
  }

  /** Adds a foreign key. */
  public BatchAlterTable addForeignKey(ForeignKey foreignKey) {
    return with(new TableChange.AddForeignKey(foreignKey));
  }

  /** Adds a check constraint. */
  public BatchAlterTable addCheckConstraint(CheckConstraint check) {
    return with(new TableChange.AddCheck(check));
  }

  /** Drops the primary key; its columns stay. */
  public BatchAlterTable dropPrimaryKey() {
    return with(new TableChange.DropPrimaryKey());
  }

  /**
   * Creates the primary key over {@code columns}, on a table without one: drop the old key earlier
   * in the same batch to change it. MySQL and MariaDB make it in one ALTER TABLE with the drop.
   *
   * @throws IllegalArgumentException if no column is given
   */
  public BatchAlterTable createPrimaryKey(String... columns) {
    return with(new TableChange.AddPrimaryKey(List.of(columns)));
  }

  /** Drops the unique constraint, foreign key or check constraint called {@code name}. */
  public BatchAlterTable dropConstraint(String name) {
    return with(new TableChange.DropConstraint(name));
  }

  private BatchAlterTable with(TableChange change) {
    List<TableChange> more = new ArrayList<>(changes);
    more.add(change);
    return new BatchAlterTable(table, more, copyFrom);
  }
}
