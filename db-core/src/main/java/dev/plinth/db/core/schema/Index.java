package dev.plinth.db.core.schema;

import java.util.List;

/**
 * An index created with CREATE INDEX. Indexes the backend creates by itself to back a primary key,
 * a unique constraint or (on MySQL) a foreign key are not reported as indexes.
 *
 * <p>A key element is a column name, or an expression written in parentheses: {@code
 * "(lower(name))"} (an expression index; PostgreSQL, SQLite, MySQL 8.0.13+). A partial index
 * carries its condition as SQL text without the {@code WHERE} (PostgreSQL, SQLite; MySQL and
 * MariaDB have none). Expressions and conditions are compared after the normalisation check
 * constraints get (casts, quotes, whitespace, enclosing parentheses), so what each backend echoes
 * back for the same declaration compares equal.
 *
 * @param name the index name
 * @param columns the key elements, in order: column names and parenthesised expressions
 * @param unique whether the index is UNIQUE
 * @param where the partial index's condition, or {@code null} for an index over all rows
 */
public record Index(String name, List<String> columns, boolean unique, String where) {

  /** Copies the key list; a blank condition counts as none. */
  public Index {
    columns = List.copyOf(columns);
    where = where == null || where.isBlank() ? null : where.trim();
  }

  /** An index over all rows. */
  public Index(String name, List<String> columns, boolean unique) {
    this(name, columns, unique, null);
  }

  /** A non-unique index; a key element in parentheses is an expression. */
  public static Index of(String name, String... columns) {
    return new Index(name, List.of(columns), false);
  }

  /** A unique index; a key element in parentheses is an expression. */
  public static Index unique(String name, String... columns) {
    return new Index(name, List.of(columns), true);
  }

  /**
   * This index limited to the rows where {@code condition} holds: {@code Index.of("ix_live",
   * "name").where("deleted = 0")}.
   *
   * @param condition the SQL condition, without {@code WHERE}
   */
  public Index where(String condition) {
    return new Index(name, columns, unique, condition);
  }

  /**
   * The key element for the expression {@code sql}: the text in parentheses, unless they already
   * enclose it. {@code Index.of("ix_lower_name", Index.expression("lower(name)"))}.
   */
  public static String expression(String sql) {
    return SqlText.parenthesize(sql);
  }

  /** Whether this is a partial index (it has a condition). */
  public boolean partial() {
    return where != null;
  }

  /** Whether a key element is an expression rather than a column. */
  public boolean hasExpressions() {
    return columns.stream().anyMatch(Index::isExpression);
  }

  /** The key elements that are plain columns, in order. */
  public List<String> columnNames() {
    return columns.stream().filter(c -> !isExpression(c)).toList();
  }

  /** Whether the key element {@code key} is an expression: it is written in parentheses. */
  public static boolean isExpression(String key) {
    return key.startsWith("(");
  }

  /**
   * Whether schema comparison knows this index as a unique key (by its columns, as a unique
   * constraint): a unique index over plain columns and all rows. Every other index is known by its
   * name.
   */
  public boolean isUniqueKey() {
    return unique && !partial() && !hasExpressions();
  }

  /**
   * The key elements in normal form: expressions normalised as check expressions are, and kept in
   * parentheses.
   */
  public List<String> normalizedColumns() {
    return columns.stream()
        .map(c -> isExpression(c) ? "(" + SqlText.normalizeExpression(c) + ")" : c)
        .toList();
  }

  /** The condition in normal form, or {@code null} for an index over all rows. */
  public String normalizedWhere() {
    return where == null ? null : SqlText.normalizeExpression(where);
  }
}
