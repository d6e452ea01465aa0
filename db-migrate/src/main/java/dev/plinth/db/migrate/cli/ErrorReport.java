package dev.plinth.db.migrate.cli;

import dev.plinth.db.core.UrlSanitizer;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * How both command lines report a failure: one line on stderr, {@code error: <message>}, with URLs
 * sanitised and the network cause named when the message hides it, and the stack trace only with
 * {@code -v}. Not a library API.
 */
public final class ErrorReport {

  private ErrorReport() {}

  /**
   * Prints {@code failure} to {@code err} as one line, then its stack trace if {@code verbose}.
   *
   * @param err the error stream
   * @param failure what went wrong
   * @param verbose whether {@code -v} was given
   */
  public static void print(PrintWriter err, Throwable failure, boolean verbose) {
    err.println("error: " + line(failure));
    if (verbose) {
      err.print(UrlSanitizer.stackTrace(failure));
    }
    err.flush();
  }

  /**
   * {@code failure}'s message on one line, whatever the driver put in it (PostgreSQL adds {@code
   * "\n Position: 13"}), with a network cause the message does not name added, sanitised.
   */
  static String line(Throwable failure) {
    String message = failure.getMessage();
    String text =
        (message == null || message.isBlank() ? failure.toString() : message)
            .strip()
            .replaceAll("\\s*\\R\\s*", " ");
    String cause = networkCause(failure);
    if (cause != null && !text.toLowerCase(Locale.ROOT).contains(cause)) {
      text += " (" + cause + ")";
    }
    return UrlSanitizer.sanitizeText(text);
  }

  /** {@code unknown host H} or {@code refused}, if one is in the chain of causes. */
  private static String networkCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t instanceof ConnectException) {
        return "refused";
      }
    }
    return null;
  }
}
