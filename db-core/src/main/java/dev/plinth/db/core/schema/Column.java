package dev.plinth.db.core.schema;

import java.util.Objects;

/**
 * One column of a {@link Table}. Build with {@link #of(String, SqlType)} and the {@code with}
 * methods: {@code Column.of("qty", SqlType.integer()).notNull().serverDefault("0")}.
 *
 * @param name the column name
 * @param type the portable type
 * @param nullable whether NULL is allowed
 * @param serverDefault the default as SQL text ({@code 0}, {@code 'new'}, {@code
 *     CURRENT_TIMESTAMP}), or {@code null} for none
 * @param autoIncrement whether the backend generates values (identity, AUTO_INCREMENT, SQLite
 *     AUTOINCREMENT)
 */
public record Column(
    String name, SqlType type, boolean nullable, String serverDefault, boolean autoIncrement) {

  /** Checks that name and type are present. */
  public Column {
    Objects.requireNonNull(name, "column name");
    Objects.requireNonNull(type, "type of column " + name);
  }

  /** A nullable column without default. */
  public static Column of(String name, SqlType type) {
    return new Column(name, type, true, null, false);
  }

  /** This column with NOT NULL. */
  public Column notNull() {
    return new Column(name, type, false, serverDefault, autoIncrement);
  }

  /** This column with the given default SQL text ({@code null} for none). */
  public Column serverDefault(String sql) {
    return new Column(name, type, nullable, sql, autoIncrement);
  }

  /** This column with a backend-generated value; NOT NULL as well. */
  public Column withAutoIncrement() {
    return new Column(name, type, false, serverDefault, true);
  }

  /** This column with another type. */
  public Column type(SqlType newType) {
    return new Column(name, newType, nullable, serverDefault, autoIncrement);
  }

  /** This column under another name. */
  public Column named(String newName) {
    return new Column(newName, type, nullable, serverDefault, autoIncrement);
  }

  /** This column with NULL allowed. */
  public Column allowNull() {
    return new Column(name, type, true, serverDefault, autoIncrement);
  }
}
