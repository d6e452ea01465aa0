package dev.plinth.db.migrate.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, a number of seconds, or ISO-8601, for
 * the duration options of both command lines.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** Creates the converter; picocli instantiates it. */
  public DurationConverter() {}

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)?");

  /**
   * Parses {@code value}.
   *
   * @throws TypeConversionException if it is not a duration, naming the accepted forms
   */
  @Override
  public Duration convert(String value) {
    Matcher m = SHORT.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      switch (unit) {
        case "ms":
          return Duration.ofMillis(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofSeconds(n);
      }
    }
    try {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration: use 500ms, 30s, 5m, 1h or ISO-8601 (PT30S)");
    }
  }
}
