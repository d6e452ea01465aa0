package dev.plinth.db.migrate.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code plinth-migrate} command line: Alembic's commands for Plinth revisions. This class
 * holds the global options (inherited by every command, so they may come before or after the
 * command name) and lists the commands; each command is one small class in this package that
 * extends {@link MigrateCommand}. To add a command, write the class and add it to {@code
 * subcommands} below.
 *
 * <p>Exit codes: 0 success, 1 a database or migration failure, 2 bad usage or an invalid revision
 * graph or target, 3 the migration lock was not acquired in time. Results go to stdout, diagnostics
 * and progress to stderr.
 */
@Command(
    name = "plinth-migrate",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Schema migrations for SQLite, PostgreSQL and MySQL/MariaDB, with Alembic's revision graph.",
      "Revisions are SQL files under --locations (and Java migrations on the class path).",
      "Every option may also come from PLINTH_<OPTION> or plinth.<option> in --config"
          + " (docs/migrate-cli.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:database or migration failure",
      "2:bad usage, or an invalid revision graph or target",
      "3:the migration lock was not acquired in time"
    },
    subcommands = {
      InitCommand.class,
      RevisionCommand.class,
      MergeCommand.class,
      UpgradeCommand.class,
      DowngradeCommand.class,
      StampCommand.class,
      RepairCommand.class,
      CurrentCommand.class,
      HeadsCommand.class,
      BasesCommand.class,
      BranchesCommand.class,
      HistoryCommand.class,
      ShowCommand.class,
      CheckCommand.class,
      ValidateCommand.class,
      GraphCommand.class,
      OnlineDataMigrationsCommand.class,
      AdoptCommand.class,
      HelpCommand.class,
      AutoComplete.GenerateCompletion.class,
      ManPageCommand.class
    })
public final class Main implements Callable<Integer> {

  @Spec private CommandLine.Model.CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Mixin Verbosity verbosity;

  @Option(
      names = "--locations",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "LOCATION",
      description =
          "Where the SQL revisions are: filesystem:DIR or classpath:path, comma-separated"
              + " (default: filesystem:migrations).")
  List<String> locations;

  @Option(
      names = "--version-table",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Version table name (default: plinth_version; history: <name>_history).")
  String versionTable;

  @Option(
      names = "--format",
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description =
          "Output format: ${COMPLETION-CANDIDATES}; text (default) or json, for graph dot"
              + " (default) or mermaid.")
  Format format;

  @Option(
      names = "--lock-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long to wait for another migrator's lock: 30s, 500ms, 5m, PT1M (default 5m).")
  Duration lockTimeout;

  @Option(
      names = "--end-orphaned",
      scope = ScopeType.INHERIT,
      description =
          "End the work of a killed migrator that still runs on the server (pg_terminate_backend,"
              + " KILL) instead of waiting for it up to --lock-timeout.")
  boolean endOrphaned;

  /** The output formats; a command refuses those it does not write. */
  enum Format {
    text,
    json,
    dot,
    mermaid
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    Main main = new Main();
    System.exit(
        CommandLines.run(
            CommandLines.of(main, System.getenv()),
            main.verbosity,
            args,
            "dev.plinth.db.migrate.runner.StepRunner"));
  }

  /**
   * The command line, with options not given read from {@code environment} and the {@code --config}
   * file. Tests drive it with {@code execute}.
   *
   * @param environment the variables to read, usually {@code System.getenv()}
   */
  public static CommandLine commandLine(Map<String, String> environment) {
    return CommandLines.of(new Main(), environment);
  }

  /** Without a command: prints the usage to stderr and fails as bad usage. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
