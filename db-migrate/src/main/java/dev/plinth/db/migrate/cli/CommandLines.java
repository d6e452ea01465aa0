package dev.plinth.db.migrate.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * How both command lines are put together and started, so that they behave alike: options not given
 * come from the environment and the {@code --config} file ({@link OptionDefaults}), and the
 * runnable jar's logging is set from {@code -q}/{@code -v} before anything logs. Not a library API.
 */
public final class CommandLines {

  private CommandLines() {}

  /**
   * The command line of {@code command}, reading options not given from {@code environment}.
   *
   * @param command the top-level command object
   * @param environment the variables to read, usually {@code System.getenv()}
   */
  public static CommandLine of(Object command, Map<String, String> environment) {
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(new OptionDefaults(environment));
    return cli;
  }

  /**
   * Runs {@code cli} as a process does: the logging is configured once the arguments are parsed,
   * then the command runs.
   *
   * @param cli the command line, from {@link #of}
   * @param verbosity the top-level command's {@code -q}/{@code -v} options
   * @param args the arguments
   * @param progressLoggers the loggers whose INFO lines are the command's progress
   * @return the exit code
   */
  public static int run(
      CommandLine cli, Verbosity verbosity, String[] args, String... progressLoggers) {
    cli.setExecutionStrategy(
        parsed -> {
          verbosity.configureLogging(progressLoggers);
          return new CommandLine.RunLast().execute(parsed);
        });
    return cli.execute(args);
  }
}
