package dev.plinth.db.archive.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --before}: {@code 2024-05-01}, {@code 2024-05-01T12:00[:00]}, {@code 2024-05-01
 * 12:00:00}, or with an offset ({@code 2024-05-01T12:00:00Z}, {@code +02:00}). Without an offset
 * the time is UTC, as oslo.db stores timestamps; a date alone means its midnight.
 */
final class DateConverter implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    String text = value.trim().replace(' ', 'T');
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a date; use YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (UTC) or an ISO-8601"
              + " timestamp with offset");
    }
  }
}
