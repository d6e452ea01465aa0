package dev.plinth.db.core.error;

import dev.plinth.db.core.UrlSanitizer;
import java.sql.SQLException;

/**
 * One exception under examination during translation: {@link #source()} is the exception inside the
 * driver's chain whose codes are read (pgjdbc's batch errors and HikariCP's timeouts carry the real
 * error nested), {@link #thrown()} the exception the driver or pool actually threw, kept as the
 * cause of the translated exception.
 *
 * @param source the exception whose SQLSTATE, vendor code and message are examined
 * @param thrown the exception that was thrown
 */
public record DriverError(SQLException source, SQLException thrown) {

  /** The SQLSTATE of {@link #source()}, or an empty string when the driver gives none. */
  public String sqlState() {
    String state = source.getSQLState();
    return state == null ? "" : state;
  }

  /** The vendor error code of {@link #source()} (0 when the driver gives none). */
  public int vendorCode() {
    return source.getErrorCode();
  }

  /** The backend's message, with any credentials in a URL masked; never {@code null}. */
  public String message() {
    return UrlSanitizer.sanitizeText(String.valueOf(source.getMessage()));
  }
}
