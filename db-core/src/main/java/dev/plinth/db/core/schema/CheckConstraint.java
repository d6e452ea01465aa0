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
}
