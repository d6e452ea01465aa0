package dev.plinth.db.core.dialect.sqlite;

import dev.plinth.db.core.schema.CheckConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SQLite's PRAGMAs do not tell about a table, taken from its CREATE TABLE text in {@code
 * sqlite_master}: constraint names, CHECK expressions, AUTOINCREMENT columns and the columns'
 * COLLATE clauses. The text is split into its top-level definitions, respecting quotes and
 * parentheses.
 */
final class SqliteCreateTable {
  private static final String IDENT = "(\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+)";
  private static final Pattern NAMED = Pattern.compile("(?is)constraint\\s+" + IDENT + "\\s+(.*)");
  private static final Pattern KEYED =
      Pattern.compile("(?is)(unique|foreign\\s+key)\\s*\\(([^)]*)\\).*");
  private static final Pattern CHECK =
      Pattern.compile("(?is)(?:constraint\\s+" + IDENT + "\\s+)?\\bcheck\\s*\\(");
  private static final Pattern TABLE_CONSTRAINT =
      Pattern.compile("(?is)(constraint|primary\\s+key|unique|check|foreign\\s+key)\\b.*");
  private static final Pattern AUTOINCREMENT = Pattern.compile("(?i)\\bautoincrement\\b");
  private static final Pattern LEADING_IDENT = Pattern.compile("(?s)\\s*" + IDENT + ".*");

  private final Map<String, String> constraintNames = new HashMap<>();
  private final List<CheckConstraint> checks = new ArrayList<>();
  private final Set<String> autoIncrement = new HashSet<>();
  private final Map<String, String> collations = new HashMap<>();

  private SqliteCreateTable() {}

  /** Parses the CREATE TABLE statement {@code sql}. */
  static SqliteCreateTable parse(String text) {
    String sql = withoutComments(text);
    SqliteCreateTable parsed = new SqliteCreateTable();
    int open = sql.indexOf('(');
    int close = sql.lastIndexOf(')');
    if (open >= 0 && close > open) {
      splitTopLevel(sql.substring(open + 1, close), ',').forEach(parsed::definition);
    }
    return parsed;
  }

  /** The CHECK constraints, table-level and column-level, in order of appearance. */
  List<CheckConstraint> checks() {
    return checks;
  }

  /** Whether {@code column} was declared AUTOINCREMENT. */
  boolean autoIncrement(String column) {
    return autoIncrement.contains(column.toLowerCase(Locale.ROOT));
  }

  /**
   * The collation {@code column} was declared with, unless it is none or SQLite's default {@code
   * BINARY}.
   */
  Optional<String> collation(String column) {
    return Optional.ofNullable(collations.get(column.toLowerCase(Locale.ROOT)));
  }

  /** The name of the UNIQUE constraint over {@code columns}, if it was named. */
  Optional<String> uniqueName(List<String> columns) {
    return Optional.ofNullable(constraintNames.get("unique" + key(columns)));
  }

  /** The name of the FOREIGN KEY constraint over {@code columns}, if it was named. */
  Optional<String> foreignKeyName(List<String> columns) {
    return Optional.ofNullable(constraintNames.get("foreign key" + key(columns)));
  }

  private void definition(String text) {
    String def = text.trim();
    findChecks(def);
    if (!TABLE_CONSTRAINT.matcher(def).matches()) {
      Matcher column = LEADING_IDENT.matcher(def);
      if (column.matches()) {
        String name = unquote(column.group(1)).toLowerCase(Locale.ROOT);
        if (AUTOINCREMENT.matcher(def).find()) {
          autoIncrement.add(name);
        }
        collate(def).ifPresent(collation -> collations.put(name, collation));
      }
      return;
    }
    Matcher named = NAMED.matcher(def);
    if (named.matches()) {
      Matcher keyed = KEYED.matcher(named.group(2).trim());
      if (keyed.matches()) {
        String kind = keyed.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        List<String> columns = new ArrayList<>();
        splitTopLevel(keyed.group(2), ',').forEach(c -> columns.add(unquote(c.trim())));
        constraintNames.put(kind + key(columns), unquote(named.group(1)));
      }
    }
  }

  /**
   * The name after a COLLATE outside quotes and parentheses (those inside belong to a CHECK or a
   * DEFAULT expression), unless it is SQLite's default BINARY.
   */
  private static Optional<String> collate(String def) {
    List<String> words =
        splitTopLevel(def.replaceAll("\\s", " "), ' ').stream().filter(w -> !w.isEmpty()).toList();
    for (int i = 0; i + 1 < words.size(); i++) {
      if (words.get(i).equalsIgnoreCase("collate")) {
        String collation = unquote(words.get(i + 1));
        return collation.equalsIgnoreCase("binary") ? Optional.empty() : Optional.of(collation);
      }
    }
    return Optional.empty();
  }

  private void findChecks(String def) {
    Matcher m = CHECK.matcher(def);
    int from = 0;
    while (m.find(from)) {
      int end = closingParen(def, m.end() - 1);
      String name = m.group(1) == null ? null : unquote(m.group(1));
      checks.add(new CheckConstraint(name, def.substring(m.end(), end).trim()));
      from = end + 1;
    }
  }

  /**
   * {@code sql} with each {@code --} and {@code /* *}{@code /} comment outside quotes replaced by a
   * space, so that a quote or parenthesis inside a comment does not count.
   */
  static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '-' && sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
        c = ' ';
      } else if (c == '/' && sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 1;
        c = ' ';
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '[') {
        quote = ']';
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String key(List<String> columns) {
    return columns.toString().toLowerCase(Locale.ROOT);
  }

  private static String unquote(String ident) {
    String s = ident.trim();
    if (s.length() >= 2 && "\"`[".indexOf(s.charAt(0)) >= 0) {
      return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
    return s;
  }

  static int closingParen(String s, int open) {
    return nextTopLevel(s, open + 1, ')');
  }

  static List<String> splitTopLevel(String s, char separator) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int end = nextTopLevel(s, 0, separator);
        end < s.length();
        end = nextTopLevel(s, start, separator)) {
      parts.add(s.substring(start, end));
      start = end + 1;
    }
    parts.add(s.substring(start));
    return parts;
  }

  /**
   * The index of the next {@code target} at or after {@code from} that is outside quotes and nested
   * parentheses, or the length of {@code s} when there is none.
   */
  static int nextTopLevel(String s, int from, char target) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == target && depth == 0) {
        return i;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
    }
    return s.length();
  }
}
