package dev.plinth.db.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One option of a {@link DatabaseConfig}, defined once: its key, its default, how its text is read
 * (with its bounds) and written back, and the line the docs print for it. The key list, parsing,
 * {@link DatabaseConfig#toBuilder()} and the options table in the guide all derive from it.
 *
 * @param key the oslo.db name, without the {@code database.} prefix
 * @param fallback the default, or {@code null} for none
 * @param parser reads a value's text, naming the key when it is bad
 * @param text writes a value as text that {@code parser} reads back to the same value
 * @param defaultText the default as the docs show it
 * @param meaning what the option does, one sentence for the docs
 * @param <T> the value's type
 */
record ConfigOption<T>(
    String key,
    T fallback,
    Parser<T> parser,
    Function<T, String> text,
    String defaultText,
    String meaning) {

  /** Reads an option's text. */
  @FunctionalInterface
  interface Parser<T> {
    /**
     * Parses {@code value}.
     *
     * @throws IllegalArgumentException naming {@code key} and what was expected
     */
    T parse(String key, String value);
  }

  /** Checks the record's parts. */
  ConfigOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(text, "text");
  }

  /** The value in {@code raw}, parsed, else the default. */
  T read(Map<String, String> raw) {
    String v = raw.get(key);
    return v == null ? fallback : parser.parse(key, v);
  }

  /** The text form of {@code value}, which this option reads back unchanged. */
  String format(Object value) {
    @SuppressWarnings("unchecked")
    T typed = (T) value;
    return text.apply(typed);
  }

  static ConfigOption<String> url(String key, String meaning) {
    return new ConfigOption<>(
        key,
        null,
        (k, v) -> {
          if (!v.isEmpty() && !v.startsWith("jdbc:")) {
            throw bad(k, UrlSanitizer.sanitize(v), "a JDBC URL starting with jdbc:");
          }
          return v.isEmpty() ? null : v;
        },
        Function.identity(),
        "none",
        meaning);
  }

  static ConfigOption<String> string(String key, String fallback, String meaning) {
    return new ConfigOption<>(
        key,
        fallback,
        (k, v) -> v,
        Function.identity(),
        fallback.isEmpty() ? "empty" : fallback,
        meaning);
  }

  static ConfigOption<Integer> integer(String key, int fallback, int min, int max, String meaning) {
    return new ConfigOption<>(
        key,
        fallback,
        (k, v) -> {
          String expected = "a whole number from " + min + " to " + max;
          try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
              throw bad(k, v, expected);
            }
            return n;
          } catch (NumberFormatException e) {
            throw bad(k, v, expected);
          }
        },
        n -> Integer.toString(n),
        Integer.toString(fallback),
        meaning);
  }

  /** A duration written as seconds with up to millisecond precision, e.g. {@code 0.25}. */
  static ConfigOption<Duration> seconds(
      String key, long fallbackSeconds, long minSeconds, String meaning) {
    return new ConfigOption<>(
        key,
        Duration.ofSeconds(fallbackSeconds),
        (k, v) -> {
          String expected = "a number of seconds ≥ " + minSeconds;
          BigDecimal s;
          try {
            s = new BigDecimal(v);
          } catch (NumberFormatException e) {
            throw bad(k, v, expected);
          }
          if (s.compareTo(BigDecimal.valueOf(minSeconds)) < 0) {
            throw bad(k, v, expected);
          }
          try {
            return Duration.ofMillis(
                s.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
          } catch (ArithmeticException e) {
            throw bad(k, v, expected);
          }
        },
        d -> BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString(),
        fallbackSeconds + " s",
        meaning);
  }

  static ConfigOption<Boolean> bool(String key, boolean fallback, String meaning) {
    return new ConfigOption<>(
        key,
        fallback,
        (k, v) -> {
          switch (v.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
            case "1":
              return true;
            case "false":
            case "no":
            case "off":
            case "0":
              return false;
            default:
              throw bad(k, v, "true or false");
          }
        },
        b -> Boolean.toString(b),
        Boolean.toString(fallback),
        meaning);
  }

  static IllegalArgumentException bad(String key, String value, String expected) {
    return new IllegalArgumentException(
        "invalid value '"
            + value
            + "' for "
            + DatabaseConfig.PREFIX
            + key
            + ": expected "
            + expected);
  }
}
