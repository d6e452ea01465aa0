package dev.plinth.db.archive.cli;

import dev.plinth.db.migrate.cli.BuildVersion;
import dev.plinth.db.migrate.cli.CommandLines;
import dev.plinth.db.migrate.cli.DatabaseOptions;
import dev.plinth.db.migrate.cli.ErrorReport;
import dev.plinth.db.migrate.cli.ManPageCommand;
import dev.plinth.db.migrate.cli.UsageException;
import dev.plinth.db.migrate.cli.Verbosity;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code plinth-archive} command line: {@code archive}, {@code purge}, {@code shadow create}
 * and {@code shadow check}. Its global options are shared with plinth-migrate and inherited by
 * every command, so they may come before or after the command name. Exit codes: 0 done, 1 failure,
 * 2 bad usage, 3 rows remain (the row budget ran out; run again).
 */
@Command(
    name = "plinth-archive",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Archives soft-deleted rows into shadow tables, purges old archived rows and manages the"
          + " shadow tables.",
      "Every option may also come from PLINTH_<OPTION> or plinth.<option> in --config"
          + " (docs/archive.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failure", "2:bad usage", "3:row budget used up and rows remain"},
    subcommands = {
      ArchiveCommand.class,
      PurgeCommand.class,
      ShadowCommand.class,
      HelpCommand.class,
      AutoComplete.GenerateCompletion.class,
      ManPageCommand.class
    })
public final class Main implements Runnable {
  /** Exit code: the row budget ran out and archivable rows remain; run again. */
  static final int ROWS_REMAIN = 3;

  /** How results are printed on stdout. */
  enum Format {
    text,
    json
  }

  @Spec private CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Mixin Verbosity verbosity;

  @Option(
      names = "--format",
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description = "Output on stdout: ${COMPLETION-CANDIDATES} (default: text).")
  Format format;

  /** Creates the command; picocli instantiates it. */
  public Main() {}

  /** Without a subcommand: bad usage. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "give a command: archive, purge or shadow");
  }

  /**
   * The configured command line: options not given come from {@code environment} and the {@code
   * --config} file; a failure exits 1 (bad usage 2) with one line on stderr, URLs sanitised, and
   * the stack trace only with {@code -v}.
   *
   * @param environment the variables to read, usually {@code System.getenv()}
   */
  public static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(new Main(), environment);
  }

  private static CommandLine commandLine(Main main, Map<String, String> environment) {
    CommandLine cli = CommandLines.of(main, environment);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          ErrorReport.print(commandLine.getErr(), e, main.verbosity.verbose());
          return e instanceof UsageException ? CommandLine.ExitCode.USAGE : 1;
        });
    return cli;
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    Main main = new Main();
    System.exit(CommandLines.run(commandLine(main, System.getenv()), main.verbosity, args));
  }
}
