package dev.plinth.db.core.error;

/** A pagination request named a sort key that is not a column of the table. */
public class InvalidSortKeyException extends DbException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the unknown sort key
   * @param table the table the query reads
   */
  public InvalidSortKeyException(String key, String table) {
    super("sort key '" + key + "' is not a column of table " + table);
    this.key = key;
  }

  /** The unknown sort key. */
  public String key() {
    return key;
  }
}
