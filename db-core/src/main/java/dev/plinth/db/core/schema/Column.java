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
 * @param collation the backend's name of the collation that compares and sorts the column's values
 *     ({@code NOCASE}, {@code C}, {@code utf8mb4_bin}), or {@code null} for the database's default;
 *     tables read back report a collation only where it differs from that default
 */
public record Column(
    String name,
    SqlType type,
    boolean nullable,
    String serverDefault,
    boolean autoIncrement,
    String collation) {

  /** Checks that name and type are present. */
  public Column {
    Objects.requireNonNull(name, "column name");
    Objects.requireNonNull(type, "type of column " + name);
  }

  /** A column with the database's default collation. */
  public Column(
      String name, SqlType type, boolean nullable, String serverDefault, boolean autoIncrement) {
    this(name, type, nullable, serverDefault, autoIncrement, null);
  }

  /** A nullable column without default. */
  public static Column of(String name, SqlType type) {
    return new Column(name, type, true, null, false);
  }

  /** This column with NOT NULL. */
  public Column notNull() {
    return new Column(name, type, false, serverDefault, autoIncrement, collation);
  }

  /** This column with the given default SQL text ({@code null} for none). */
  public Column serverDefault(String sql) {
    return new Column(name, type, nullable, sql, autoIncrement, collation);
  }

  /** This column with a backend-generated value; NOT NULL as well. */
  public Column withAutoIncrement() {
    return new Column(name, type, false, serverDefault, true, collation);
  }

  /**
   * This column with another type. The collation stays unless the new type is one of the portable
   * kinds that hold no text (numbers, dates, booleans, binary data), which take none.
   */
  public Column type(SqlType newType) {
    return new Column(
        name,
        newType,
        nullable,
        serverDefault,
        autoIncrement,
        newType.holdsText() ? collation : null);
  }

  /** This column under another name. */
  public Column named(String newName) {
    return new Column(newName, type, nullable, serverDefault, autoIncrement, collation);
  }

  /** This column with NULL allowed. */
  public Column allowNull() {
    return new Column(name, type, true, serverDefault, autoIncrement, collation);
  }

  /**
   * This column compared and sorted by the collation {@code collationName}, as the backend spells
   * it ({@code null} for the database's default).
   */
  public Column collation(String collationName) {
    return new Column(name, type, nullable, serverDefault, autoIncrement, collationName);
  }

  // equals and hashCode are written out: a record's generated ones are linked on first use through
  // java.lang.runtime.ObjectMethods, which costs a fresh JVM (a one-shot migration) about 30 ms.

  @Override
  public boolean equals(Object o) {
    return o instanceof Column c
        && name.equals(c.name)
        && type.equals(c.type)
        && nullable == c.nullable
        && Objects.equals(serverDefault, c.serverDefault)
        && autoIncrement == c.autoIncrement
        && Objects.equals(collation, c.collation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, nullable, serverDefault, autoIncrement, collation);
  }
}
