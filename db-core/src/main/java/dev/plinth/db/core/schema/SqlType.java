package dev.plinth.db.core.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A portable column type: a kind plus, where the kind has them, a length (VARCHAR) or precision and
 * scale (DECIMAL). Types read back from a backend are normalised by {@link #parse(String)} so that,
 * for example, PostgreSQL {@code int4}, MySQL {@code int(11)} and SQLite {@code INTEGER} are all
 * {@link #integer()} and compare equal.
 *
 * @param kind the portable kind
 * @param length the VARCHAR length or DECIMAL precision, or an ENUM's longest value's length; 0
 *     when the kind has none
 * @param scale the DECIMAL scale; 0 otherwise
 * @param name the backend's own name for an {@link Kind#OTHER} type, the portable spelling of an
 *     {@link Kind#ENUM} ({@code ENUM('open','closed')}); otherwise the kind's name
 */
public record SqlType(Kind kind, int length, int scale, String name) {

  /** The portable kinds of column type. */
  public enum Kind {
    /** 16-bit integer. */
    SMALLINT,
    /** 32-bit integer. */
    INTEGER,
    /** 64-bit integer. */
    BIGINT,
    /** True or false (MySQL {@code tinyint(1)}). */
    BOOLEAN,
    /** Variable-length string with a maximum length. */
    VARCHAR,
    /** String of unbounded length. */
    TEXT,
    /** Exact decimal number with precision and scale. */
    DECIMAL,
    /** Single-precision floating point. */
    FLOAT,
    /** Double-precision floating point. */
    DOUBLE,
    /** Calendar date. */
    DATE,
    /** Date and time of day, without time zone. */
    TIMESTAMP,
    /** Binary data of unbounded length. */
    BLOB,
    /**
     * One of a fixed list of strings: MySQL's {@code ENUM}; elsewhere a VARCHAR with a CHECK that
     * the dialect names after the column ({@link SqlType#enumCheckName}).
     */
    ENUM,
    /** A type with no portable equivalent, kept by its backend name. */
    OTHER
  }

  private static final Pattern NATIVE =
      Pattern.compile(
          "\\s*([a-z][a-z0-9_ ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

  private static final Map<String, Kind> NAMES =
      Map.ofEntries(
          Map.entry("smallint", Kind.SMALLINT),
          Map.entry("int2", Kind.SMALLINT),
          Map.entry("integer", Kind.INTEGER),
          Map.entry("int", Kind.INTEGER),
          Map.entry("int4", Kind.INTEGER),
          Map.entry("mediumint", Kind.INTEGER),
          Map.entry("bigint", Kind.BIGINT),
          Map.entry("int8", Kind.BIGINT),
          Map.entry("boolean", Kind.BOOLEAN),
          Map.entry("bool", Kind.BOOLEAN),
          Map.entry("varchar", Kind.VARCHAR),
          Map.entry("character varying", Kind.VARCHAR),
          Map.entry("text", Kind.TEXT),
          Map.entry("tinytext", Kind.TEXT),
          Map.entry("mediumtext", Kind.TEXT),
          Map.entry("longtext", Kind.TEXT),
          Map.entry("clob", Kind.TEXT),
          Map.entry("decimal", Kind.DECIMAL),
          Map.entry("numeric", Kind.DECIMAL),
          Map.entry("float", Kind.FLOAT),
          Map.entry("real", Kind.FLOAT),
          Map.entry("float4", Kind.FLOAT),
          Map.entry("double", Kind.DOUBLE),
          Map.entry("double precision", Kind.DOUBLE),
          Map.entry("float8", Kind.DOUBLE),
          Map.entry("date", Kind.DATE),
          Map.entry("timestamp", Kind.TIMESTAMP),
          Map.entry("timestamp without time zone", Kind.TIMESTAMP),
          Map.entry("datetime", Kind.TIMESTAMP),
          Map.entry("blob", Kind.BLOB),
          Map.entry("bytea", Kind.BLOB),
          Map.entry("tinyblob", Kind.BLOB),
          Map.entry("mediumblob", Kind.BLOB),
          Map.entry("longblob", Kind.BLOB));

  /** 16-bit integer. */
  public static SqlType smallint() {
    return of(Kind.SMALLINT);
  }

  /** 32-bit integer. */
  public static SqlType integer() {
    return of(Kind.INTEGER);
  }

  /** 64-bit integer. */
  public static SqlType bigint() {
    return of(Kind.BIGINT);
  }

  /** Boolean. */
  public static SqlType bool() {
    return of(Kind.BOOLEAN);
  }

  /**
   * Variable-length string of at most {@code length} characters.
   *
   * @throws IllegalArgumentException if {@code length} is not positive
   */
  public static SqlType varchar(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("VARCHAR length must be positive, got " + length);
    }
    return new SqlType(Kind.VARCHAR, length, 0, Kind.VARCHAR.name());
  }

  /** String of unbounded length. */
  public static SqlType text() {
    return of(Kind.TEXT);
  }

  /**
   * Exact decimal with {@code precision} digits, {@code scale} of them after the point.
   *
   * @throws IllegalArgumentException if precision is not positive or scale is outside 0..precision
   */
  public static SqlType decimal(int precision, int scale) {
    if (precision <= 0 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "DECIMAL("
              + precision
              + ","
              + scale
              + ") needs 0 <= scale <= precision and precision > 0");
    }
    return new SqlType(Kind.DECIMAL, precision, scale, Kind.DECIMAL.name());
  }

  /** Single-precision floating point. */
  public static SqlType floatType() {
    return of(Kind.FLOAT);
  }

  /** Double-precision floating point. */
  public static SqlType doubleType() {
    return of(Kind.DOUBLE);
  }

  /** Calendar date. */
  public static SqlType date() {
    return of(Kind.DATE);
  }

  /** Date and time without time zone. */
  public static SqlType timestamp() {
    return of(Kind.TIMESTAMP);
  }

  /** Binary data. */
  public static SqlType blob() {
    return of(Kind.BLOB);
  }

  /**
   * One of {@code values}, in that order: {@code ENUM('open','closed')} on MySQL and MariaDB, a
   * VARCHAR as long as the longest value with a CHECK on SQLite and PostgreSQL. Autogenerate
   * reports a change of the list, never makes it: rows may hold a value the new list lacks.
   *
   * @throws IllegalArgumentException if there is no value, a value is empty, repeats or holds a
   *     backslash (which MySQL reads as an escape)
   */
  public static SqlType enumeration(String... values) {
    return enumeration(List.of(values));
  }

  /**
   * One of {@code values}, as {@link #enumeration(String...)}.
   *
   * @throws IllegalArgumentException as there
   */
  public static SqlType enumeration(List<String> values) {
    if (values.isEmpty() || new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("ENUM needs distinct values, got " + values);
    }
    int longest = 0;
    for (String v : values) {
      if (v.isEmpty() || v.contains("\\")) {
        throw new IllegalArgumentException(
            "ENUM value '" + v + "' must be non-empty and without a backslash");
      }
      longest = Math.max(longest, v.length());
    }
    return new SqlType(Kind.ENUM, longest, 0, "ENUM(" + quotedList(values) + ")");
  }

  /**
   * The name of the CHECK that holds an {@link Kind#ENUM} column's values where the backend has no
   * ENUM type: {@code <column>_enum}. Reading a table back, such a check on a VARCHAR column
   * becomes the column's ENUM type again.
   */
  public static String enumCheckName(String column) {
    return column + "_enum";
  }

  /** The values of an {@link Kind#ENUM}, in order; empty for other kinds. */
  public List<String> values() {
    if (kind != Kind.ENUM) {
      return List.of();
    }
    return literals(name);
  }

  /** The values quoted as SQL strings and separated by commas: {@code 'open','closed'}. */
  public static String quotedList(List<String> values) {
    return values.stream()
        .map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(","));
  }

  /** The SQL string literals of {@code sql}, unquoted, in order. */
  static List<String> literals(String sql) {
    List<String> found = new ArrayList<>();
    Matcher m = LITERAL.matcher(sql);
    while (m.find()) {
      found.add(m.group(1).replace("''", "'"));
    }
    return found;
  }

  /**
   * Parses a type name as a backend reports or declares it ({@code int4}, {@code int(11)}, {@code
   * character varying(64)}, {@code tinyint(1)}, {@code numeric(10,2)}) into its normal form. Names
   * with no portable equivalent become {@link Kind#OTHER}, keeping the name in upper case.
   */
  public static SqlType parse(String nativeType) {
    String lower = nativeType.toLowerCase(Locale.ROOT).trim();
    if (lower.startsWith("enum(")) {
      return enumeration(literals(nativeType));
    }
    Matcher m = NATIVE.matcher(lower);
    if (!m.matches()) {
      return other(lower);
    }
    String base = m.group(1);
    int first = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (base.equals("tinyint")) {
      return first == 1 ? bool() : smallint();
    }
    Kind kind = NAMES.get(base);
    if (kind == null) {
      return other(lower);
    }
    switch (kind) {
      case VARCHAR:
        return first == 0 ? text() : varchar(first);
      case DECIMAL:
        return first == 0 ? other(lower) : decimal(first, second);
      default:
        return of(kind);
    }
  }

  /**
   * Whether values of this type are text that a collation applies to: VARCHAR, TEXT, ENUM, and any
   * {@link Kind#OTHER} type, which may be a backend's own string type.
   */
  boolean holdsText() {
    return kind == Kind.VARCHAR || kind == Kind.TEXT || kind == Kind.ENUM || kind == Kind.OTHER;
  }

  private static SqlType of(Kind kind) {
    return new SqlType(kind, 0, 0, kind.name());
  }

  private static SqlType other(String name) {
    return new SqlType(Kind.OTHER, 0, 0, name.toUpperCase(Locale.ROOT));
  }

  /**
   * The type in its portable spelling: {@code INTEGER}, {@code VARCHAR(64)}, {@code DECIMAL(10,2)}.
   */
  @Override
  public String toString() {
    switch (kind) {
      case VARCHAR:
        return "VARCHAR(" + length + ")";
      case DECIMAL:
        return "DECIMAL(" + length + "," + scale + ")";
      default:
        return name;
    }
  }

  // Written out for the reason given in Column.

  @Override
  public boolean equals(Object o) {
    return o instanceof SqlType t
        && kind == t.kind
        && length == t.length
        && scale == t.scale
        && Objects.equals(name, t.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, length, scale, name);
  }
}
