package dev.plinth.db.core.dialect;

import java.util.List;

/**
 * One row of a catalogue's foreign-key listing: one column of one constraint, as MySQL's {@code
 * KEY_COLUMN_USAGE} and SQLite's {@code pragma_foreign_key_list} return them.
 *
 * @param constraint what identifies the constraint among the rows (a name, or SQLite's number)
 * @param column the referencing column
 * @param referencedTable the referenced table
 * @param referencedColumn the referenced column, or {@code null} when the catalogue leaves it out
 * @param onDelete the delete rule as the catalogue spells it
 * @param onUpdate the update rule as the catalogue spells it
 */
public record ForeignKeyRow(
    Object constraint,
    String column,
    String referencedTable,
    String referencedColumn,
    String onDelete,
    String onUpdate) {

  /** Splits rows ordered by constraint into one run per constraint, in order. */
  public static List<List<ForeignKeyRow>> byConstraint(List<ForeignKeyRow> rows) {
    return CatalogRows.groupConsecutive(rows, ForeignKeyRow::constraint);
  }

  /** The referencing columns of one constraint's rows, in order. */
  public static List<String> columns(List<ForeignKeyRow> constraint) {
    return constraint.stream().map(ForeignKeyRow::column).toList();
  }

  /** The referenced columns of one constraint's rows, in order. */
  public static List<String> referencedColumns(List<ForeignKeyRow> constraint) {
    return constraint.stream().map(ForeignKeyRow::referencedColumn).toList();
  }
}
