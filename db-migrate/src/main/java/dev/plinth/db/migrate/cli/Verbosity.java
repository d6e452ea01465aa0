package dev.plinth.db.migrate.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -q} and {@code -v} for both command lines, a mixin of the top-level command that every
 * command inherits. By default progress goes to stderr, one line per revision or batch; {@code -q}
 * leaves only results (stdout) and errors; {@code -v} adds every log line of Plinth and of the
 * connection pool, and the stack trace of an error. Not a library API.
 */
public final class Verbosity {
  private static final String LOGGER = "org.slf4j.simpleLogger.";

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print results and errors only: no progress or notes on stderr.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print every log line (the pool's too) and the stack trace of an error.")
  boolean verbose;

  /** Creates the options; picocli fills them. */
  public Verbosity() {}

  /** Whether {@code -q} was given. */
  public boolean quiet() {
    return quiet && !verbose;
  }

  /** Whether {@code -v} was given. */
  public boolean verbose() {
    return verbose;
  }

  /** Where progress and notes go: {@code err}, or nowhere with {@code -q}. */
  public PrintWriter progress(PrintWriter err) {
    return quiet() ? new PrintWriter(Writer.nullWriter()) : err;
  }

  /**
   * Configures the runnable jar's logging (slf4j-simple) before the first logger exists: bare lines
   * on stderr; the progress loggers named in {@code progressLoggers} at INFO and the rest of Plinth
   * at WARN, everything off but errors with {@code -q}, Plinth at DEBUG with {@code -v}; the
   * connection pool's start and stop lines never. A system property set by the user wins.
   *
   * @param progressLoggers the loggers whose INFO lines are the command's progress
   */
  public void configureLogging(String... progressLoggers) {
    setDefault("showThreadName", "false");
    setDefault("showLogName", "false");
    setDefault("showShortLogName", "false");
    setDefault("log.com.zaxxer.hikari", verbose ? "info" : "warn");
    setDefault("log.dev.plinth", verbose ? "debug" : quiet ? "error" : "warn");
    for (String logger : progressLoggers) {
      setDefault("log." + logger, verbose ? "debug" : quiet ? "error" : "info");
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(LOGGER + key) == null) {
      System.setProperty(LOGGER + key, value);
    }
  }
}
