package dev.plinth.db.core.error;

import java.util.List;

/**
 * A row duplicated the key of a unique constraint or primary key. {@link #columns()} names the
 * key's columns where the backend reveals them (a constraint named {@code uniq_<table>0<col>0<col>}
 * always does) and {@link #value()} the duplicated value where the backend reports it.
 */
public class DuplicateEntryException extends IntegrityException {
  private static final long serialVersionUID = 1L;
  private final List<String> columns;
  private final String value;

  /**
   * Creates the exception.
   *
   * @param message the backend's message
   * @param cause the driver exception
   * @param columns the key's columns, empty when unknown
   * @param value the duplicated value as the backend printed it, or {@code null}
   */
  public DuplicateEntryException(
      String message, Throwable cause, List<String> columns, String value) {
    super(message, cause);
    this.columns = List.copyOf(columns);
    this.value = value;
  }

  /** The columns of the violated key, empty when the backend does not say. */
  public List<String> columns() {
    return columns;
  }

  /** The duplicated value as the backend printed it, or {@code null} when it does not say. */
  public String value() {
    return value;
  }
}
