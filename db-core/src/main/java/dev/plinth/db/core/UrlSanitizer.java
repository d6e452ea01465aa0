package dev.plinth.db.core;

import java.util.regex.Pattern;

/**
 * Masks credentials in JDBC URLs so that they can appear in logs and exception messages. Both the
 * {@code //user:password@host} form and {@code password=} query or property parameters are masked.
 */
public final class UrlSanitizer {
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*:[^/@?;]*@");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;]*");

  private UrlSanitizer() {}

  /**
   * Returns the URL with every credential replaced by {@code ****}.
   *
   * @param url a JDBC URL, or {@code null}
   * @return the masked URL, or {@code null} when {@code url} is {@code null}
   */
  public static String sanitize(String url) {
    if (url == null) {
      return null;
    }
    String masked = USER_INFO.matcher(url).replaceAll("//****:****@");
    return PASSWORD_PARAM.matcher(masked).replaceAll("$1****");
  }
}
