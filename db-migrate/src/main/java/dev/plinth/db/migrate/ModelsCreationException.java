package dev.plinth.db.migrate;

import java.util.List;

/**
 * {@link Migrator#createFromModels()} could not create one of the models' tables, indexes or
 * foreign keys, or could not stamp the heads. Where the backend has transactional DDL nothing was
 * kept; elsewhere (MySQL) what had been created was dropped again, and {@link #leftBehind()} names
 * whatever could not be. The message says which case applies.
 */
public class ModelsCreationException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String object;
  private final List<String> leftBehind;

  /**
   * Creates the exception.
   *
   * @param message names the object, its table, the backend's reason and what was kept
   * @param table the table whose creation failed
   * @param object the object that could not be created ({@code index ix_a of table a})
   * @param leftBehind the objects created before the failure that are still in the database
   * @param cause the failure
   */
  public ModelsCreationException(
      String message, String table, String object, List<String> leftBehind, Throwable cause) {
    super(message, cause);
    this.table = table;
    this.object = object;
    this.leftBehind = List.copyOf(leftBehind);
  }

  /** The table whose table, index or foreign key could not be created. */
  public String table() {
    return table;
  }

  /** What could not be created, as the message names it: {@code foreign key fk_a_b of table a}. */
  public String object() {
    return object;
  }

  /** The objects created before the failure that stayed in the database; empty when none did. */
  public List<String> leftBehind() {
    return leftBehind;
  }
}
