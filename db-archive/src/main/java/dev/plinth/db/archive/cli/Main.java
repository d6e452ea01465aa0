package dev.plinth.db.archive.cli;

import dev.plinth.db.core.UrlSanitizer;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code plinth-archive} command line: {@code archive}, {@code purge}, {@code shadow create}
 * and {@code shadow check}. Exit codes: 0 done, 1 failure, 2 bad usage, 3 rows remain (the row
 * budget ran out; run again).
 */
@Command(
    name = "plinth-archive",
    mixinStandardHelpOptions = true,
    version = "plinth-archive 0.1.0",
    description = {
      "Archives soft-deleted rows into shadow tables, purges old archived rows and manages the"
          + " shadow tables.",
      "Exit codes: 0 done, 1 failure, 2 bad usage, 3 row budget used up and rows remain."
    },
    subcommands = {ArchiveCommand.class, PurgeCommand.class, ShadowCommand.class})
public final class Main implements Runnable {
  /** Exit code: the row budget ran out and archivable rows remain; run again. */
  static final int ROWS_REMAIN = 3;

  @Spec private CommandSpec spec;

  @Mixin private GlobalOptions global;

  /** Creates the command; picocli instantiates it. */
  public Main() {}

  /** Without a subcommand: prints the usage. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "give a command: archive, purge or shadow");
  }

  /**
   * The configured command line: usage errors exit 2 with the message, failures exit 1 with the
   * message (URLs sanitised) rather than a stack trace. Tests drive it with {@code execute}.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("error: " + UrlSanitizer.sanitizeText(String.valueOf(e.getMessage())));
          err.flush();
          return CommandLine.ExitCode.SOFTWARE;
        });
    return cli;
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.setProperty(
        "org.slf4j.simpleLogger.log.com.zaxxer.hikari",
        System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn"));
    System.exit(commandLine().execute(args));
  }
}
