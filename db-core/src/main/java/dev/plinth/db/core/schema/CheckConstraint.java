package dev.plinth.db.core.schema;

/**
 * A CHECK constraint.
 *
 * @param name the constraint name, or {@code null} when unnamed
 * @param expression the SQL boolean expression, without the surrounding {@code CHECK (...)}
 */
public record CheckConstraint(String name, String expression) {

  /** A named check. */
  public static CheckConstraint of(String name, String expression) {
    return new CheckConstraint(name, expression);
  }

  /**
   * What the schema comparison knows this check by: its name, or its normalised expression when it
   * has none (the {@code object} of a check's {@link SchemaDifference}).
   */
  public String key() {
    return name != null ? name : SqlText.normalizeExpression(expression);
  }
}
