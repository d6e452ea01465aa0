package dev.plinth.db.migrate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the CLI with its stdout and stderr captured.
 *
 * @param exitCode the exit code
 * @param out what it printed to stdout
 * @param err what it printed to stderr
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code plinth-migrate args...} in this JVM. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
