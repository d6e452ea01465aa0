package dev.plinth.db.core.schema;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normal forms of the SQL snippets a schema holds (column defaults, check expressions), so that
 * what each backend echoes back for the same declaration compares equal: PostgreSQL's casts and
 * added parentheses, MariaDB's quoted identifiers and {@code current_timestamp()}, numbers and
 * booleans in their several spellings.
 */
final class SqlText {
  private static final Pattern CAST =
      Pattern.compile("::\\s*[a-z_][a-z0-9_ ]*(\\(\\s*\\d+(\\s*,\\s*\\d+)?\\s*\\))?$");

  /**
   * A literal or column that PostgreSQL casts when it keeps a check expression or an index's
   * expression or condition: {@code (0)::numeric}, {@code 'a'::text}, {@code (code)::text}, {@code
   * name::text}, {@code 'x'::character varying}.
   */
  private static final Pattern CAST_OPERAND =
      Pattern.compile(
          "(?:\\((-?\\d+(?:\\.\\d+)?|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*)\\)"
              + "|(-?\\d+(?:\\.\\d+)?|'(?:[^']|'')*'|(?<![\\w.$])[A-Za-z_][A-Za-z0-9_]*))"
              + "::[A-Za-z_][A-Za-z0-9_]*(?: (?:varying|precision|without time zone))?"
              + "(?:\\(\\d+(?:,\\d+)?\\))?");

  private static final Pattern NOW =
      Pattern.compile("current_timestamp(\\(\\s*\\))?|now\\(\\s*\\)|localtimestamp");
  private static final Set<String> TRUE = Set.of("true", "1", "'1'", "'t'", "'true'", "b'1'");
  private static final Set<String> FALSE = Set.of("false", "0", "'0'", "'f'", "'false'", "b'0'");
  private static final Set<SqlType.Kind> NUMERIC =
      Set.of(
          SqlType.Kind.SMALLINT,
          SqlType.Kind.INTEGER,
          SqlType.Kind.BIGINT,
          SqlType.Kind.DECIMAL,
          SqlType.Kind.FLOAT,
          SqlType.Kind.DOUBLE);

  private SqlText() {}

  /** The normal form of a column default of {@code type}; {@code null} for none or NULL. */
  static String normalizeDefault(String sql, SqlType type) {
    if (sql == null) {
      return null;
    }
    String s = stripCasts(sql.trim());
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("null")) {
      return null;
    }
    if (NOW.matcher(lower).matches()) {
      return "CURRENT_TIMESTAMP";
    }
    if (type.kind() == SqlType.Kind.BOOLEAN && (TRUE.contains(lower) || FALSE.contains(lower))) {
      return TRUE.contains(lower) ? "true" : "false";
    }
    if (NUMERIC.contains(type.kind())) {
      return number(s);
    }
    return s;
  }

  /**
   * The normal form of a check expression, an index expression or a partial index's condition:
   * identifier quotes removed, casts of literals and columns removed, PostgreSQL's {@code ~~} read
   * as LIKE and {@code !=} as {@code <>}, whitespace collapsed, enclosing parentheses dropped,
   * lower case.
   */
  static String normalizeExpression(String sql) {
    String s =
        CAST_OPERAND
            .matcher(sql.replace("\"", "").replace("`", ""))
            .replaceAll(m -> Matcher.quoteReplacement(m.group(m.group(1) != null ? 1 : 2)));
    s = s.replace("!~~", " NOT LIKE ").replace("~~", " LIKE ").replace("!=", "<>");
    s = s.replaceAll("\\s+", " ").replaceAll("\\( ", "(").replaceAll(" \\)", ")").trim();
    return unwrap(s).toLowerCase(Locale.ROOT);
  }

  private static String stripCasts(String sql) {
    String s = unwrap(sql);
    String previous;
    do {
      previous = s;
      s = unwrap(CAST.matcher(s.toLowerCase(Locale.ROOT)).find() ? cutCast(s) : s);
    } while (!s.equals(previous));
    return s;
  }

  private static String cutCast(String s) {
    return s.substring(0, s.lastIndexOf("::")).trim();
  }

  private static String number(String s) {
    String bare =
        s.length() > 1 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    try {
      BigDecimal n = new BigDecimal(bare.trim());
      return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException notANumber) {
      return s;
    }
  }

  /** {@code sql} in parentheses, unless parentheses already enclose the whole text. */
  static String parenthesize(String sql) {
    String t = sql.trim();
    return t.startsWith("(") && closingOf(t) == t.length() - 1 ? t : "(" + t + ")";
  }

  /** Drops parentheses that enclose the whole text, as often as they do. */
  private static String unwrap(String s) {
    String t = s.trim();
    while (t.startsWith("(") && t.endsWith(")") && closingOf(t) == t.length() - 1) {
      t = t.substring(1, t.length() - 1).trim();
    }
    return t;
  }

  private static int closingOf(String s) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
