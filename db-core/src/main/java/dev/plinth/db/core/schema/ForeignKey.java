package dev.plinth.db.core.schema;

import java.util.List;
import java.util.Locale;

/**
 * A FOREIGN KEY constraint. The referential actions are normalised: {@code NO ACTION} and {@code
 * RESTRICT}, which every backend treats alike for non-deferred constraints, become {@code null}.
 *
 * @param name the constraint name, or {@code null} when unnamed
 * @param columns the referencing columns, in order
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns, in the same order
 * @param onDelete {@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}, or {@code null}
 * @param onUpdate like {@code onDelete}
 */
public record ForeignKey(
    String name,
    List<String> columns,
    String referencedTable,
    List<String> referencedColumns,
    String onDelete,
    String onUpdate) {

  /**
   * Copies the lists and normalises the actions.
   *
   * @throws IllegalArgumentException if the column lists differ in length
   */
  public ForeignKey {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
    if (columns.size() != referencedColumns.size()) {
      throw new IllegalArgumentException(
          "foreign key " + name + " has " + columns + " referencing " + referencedColumns);
    }
    onDelete = action(onDelete);
    onUpdate = action(onUpdate);
  }

  /** A single-column foreign key without referential actions. */
  public static ForeignKey of(String name, String column, String table, String referencedColumn) {
    return new ForeignKey(name, List.of(column), table, List.of(referencedColumn), null, null);
  }

  /** This foreign key with an ON DELETE action such as {@code CASCADE}. */
  public ForeignKey onDelete(String action) {
    return new ForeignKey(name, columns, referencedTable, referencedColumns, action, onUpdate);
  }

  /** This foreign key with an ON UPDATE action such as {@code CASCADE}. */
  public ForeignKey onUpdate(String action) {
    return new ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, action);
  }

  private static String action(String action) {
    if (action == null) {
      return null;
    }
    String upper = action.trim().replace('_', ' ').toUpperCase(Locale.ROOT);
    return upper.equals("NO ACTION") || upper.equals("RESTRICT") || upper.isEmpty() ? null : upper;
  }
}
