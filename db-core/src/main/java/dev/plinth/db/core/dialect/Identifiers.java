package dev.plinth.db.core.dialect;

/** Checks and quotes identifiers; the quote character is the dialect's. */
public final class Identifiers {
  private Identifiers() {}

  /**
   * Quotes {@code identifier} with {@code quote}, refusing names no backend accepts.
   *
   * @throws IllegalArgumentException if the name is null, empty, longer than {@code maxLength}, or
   *     holds a NUL or the quote character
   */
  public static String quote(String identifier, char quote, int maxLength) {
    if (identifier == null || identifier.isEmpty()) {
      throw new IllegalArgumentException("identifier must not be empty");
    }
    if (identifier.length() > maxLength) {
      throw new IllegalArgumentException(
          "identifier '" + identifier + "' is longer than " + maxLength + " characters");
    }
    if (identifier.indexOf(quote) >= 0 || identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "identifier '" + identifier + "' contains a quote or NUL character");
    }
    return quote + identifier + quote;
  }
}
