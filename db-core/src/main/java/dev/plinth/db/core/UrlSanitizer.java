package dev.plinth.db.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in JDBC URLs, and in any text that may quote one (driver messages, stack
 * traces), so that they can appear in logs, exception messages and command output. It masks:
 *
 * <ul>
 *   <li>every parameter whose name ends in {@code password}, {@code passwd} or {@code pwd}, from
 *       {@code =} up to the next {@code &} that starts another {@code name=} parameter, whatever
 *       the value contains ({@code ;}, {@code @}, {@code /}, a lone {@code &}); in free text the
 *       value also ends at white space, and a punctuation mark just before it stays;
 *   <li>the user information of {@code //user:password@host}, up to the last {@code @} before the
 *       query, so a password holding {@code /} or {@code @} is masked whole;
 *   <li>Oracle-style {@code jdbc:…:user/password@host}.
 * </ul>
 */
public final class UrlSanitizer {
  private static final String MASK = "****";
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)(\\b\\w*(?:password|passwd|pwd)=)[^&]*(?:&(?![\\w.\\-]+=)[^&]*)*");
  private static final Pattern TEXT_PASSWORD =
      Pattern.compile(
          "(?i)(\\b\\w*(?:password|passwd|pwd)=)(?:[^&\\s]|&(?![\\w.\\-]+=))*?"
              + "(?=[:,.;)]?(?:\\s|$)|&[\\w.\\-]+=)");
  private static final Pattern AUTHORITY = Pattern.compile("//([^\\s\"'<>]*)");
  private static final Pattern SLASH_CREDENTIALS =
      Pattern.compile("(?i)(jdbc:[a-z0-9]+(?::[a-z0-9]+)*?:)[^\\s/@:;?&]+/[^\\s@]*@");

  private UrlSanitizer() {}

  /**
   * Returns the URL with every credential replaced by {@code ****}. A value with a line break is
   * treated as {@link #sanitizeText(String) text}.
   *
   * @param url a JDBC URL, or {@code null}
   * @return the masked URL, or {@code null} when {@code url} is {@code null}
   */
  public static String sanitize(String url) {
    if (url == null) {
      return null;
    }
    if (url.contains("\n") || url.contains("\r")) {
      return sanitizeText(url);
    }
    return mask(url, URL_PASSWORD);
  }

  /**
   * Returns {@code text} with the credentials of every URL in it masked, for driver messages and
   * other free text where a parameter value ends at white space.
   *
   * @param text any text, or {@code null}
   * @return the masked text, or {@code null} when {@code text} is {@code null}
   */
  public static String sanitizeText(String text) {
    return text == null ? null : mask(text, TEXT_PASSWORD);
  }

  /**
   * The stack trace of {@code failure}, with its causes and suppressed exceptions, as {@link
   * Throwable#printStackTrace()} prints it, with every credential masked.
   *
   * @param failure the exception to print
   * @return the masked trace
   */
  public static String stackTrace(Throwable failure) {
    StringWriter trace = new StringWriter();
    try (PrintWriter out = new PrintWriter(trace)) {
      failure.printStackTrace(out);
    }
    return sanitizeText(trace.toString());
  }

  private static String mask(String text, Pattern passwords) {
    String masked = maskUserInfo(text);
    masked = SLASH_CREDENTIALS.matcher(masked).replaceAll("$1" + MASK + "/" + MASK + "@");
    return passwords.matcher(masked).replaceAll("$1" + MASK);
  }

  /**
   * Masks {@code user:password@} after each {@code //}, up to the last {@code @} before a query.
   */
  private static String maskUserInfo(String text) {
    Matcher m = AUTHORITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (m.find()) {
      String token = m.group(1);
      int query = token.indexOf('?');
      int at = token.lastIndexOf('@', query < 0 ? token.length() : query);
      if (at > 0 && token.substring(0, at).contains(":")) {
        out.append(text, copied, m.start(1)).append(MASK).append(':').append(MASK);
        copied = m.start(1) + at;
      }
    }
    return out.append(text, copied, text.length()).toString();
  }
}
