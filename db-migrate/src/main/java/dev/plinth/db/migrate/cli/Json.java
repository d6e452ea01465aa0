package dev.plinth.db.migrate.cli;

import java.util.Collection;
import java.util.Map;

/**
 * The one JSON writer of both command lines (plinth-migrate and plinth-archive): strings, numbers,
 * booleans, null, lists and maps, on one line. Keys are written as given; the commands use
 * snake_case (docs/decisions/0010-cli-json.md). Not a library API.
 */
public final class Json {

  private Json() {}

  /**
   * Renders a value: {@code null}, a {@link CharSequence}, {@link Number}, {@link Boolean}, a
   * {@link Collection} or a {@link Map} with string keys (in its iteration order) of such values.
   *
   * @throws IllegalArgumentException for any other type
   */
  public static String write(Object value) {
    StringBuilder s = new StringBuilder();
    append(s, value);
    return s.toString();
  }

  private static void append(StringBuilder s, Object value) {
    if (value == null) {
      s.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      s.append(value);
    } else if (value instanceof CharSequence) {
      string(s, value.toString());
    } else if (value instanceof Collection<?> list) {
      s.append('[');
      boolean first = true;
      for (Object item : list) {
        s.append(first ? "" : ",");
        append(s, item);
        first = false;
      }
      s.append(']');
    } else if (value instanceof Map<?, ?> map) {
      s.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        s.append(first ? "" : ",");
        string(s, String.valueOf(e.getKey()));
        s.append(':');
        append(s, e.getValue());
        first = false;
      }
      s.append('}');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private static void string(StringBuilder s, String text) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
