package dev.plinth.db.migrate.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Schema migrations for SQLite, PostgreSQL and MySQL/MariaDB, with Alembic's revision graph.",
      "Revisions are SQL files under --locations (and Java migrations on the class path).",
      "Exit codes: 0 success, 1 database or migration failure, 2 bad usage or invalid revision"
          + " graph or target, 3 migration lock not acquired in time."
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
      AdoptCommand.class
    })
public final class Main implements Callable<Integer> {

  @Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "JDBC_URL",
      description = "Database to migrate, e.g. jdbc:postgresql://host/db (overrides --config).")
  String url;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Properties file with database.* keys (database.connection=JDBC URL, ...).")
  Path config;

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
      description = "Output format: text (default) or json; for graph: dot (default) or mermaid.")
  String format;

  @Option(
      names = "--lock-timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long to wait for another migrator's lock: 30s, 500ms, 5m, PT1M (default 5m).")
  Duration lockTimeout;

  @Option(
      names = "--connect-retries",
      scope = ScopeType.INHERIT,
      paramLabel = "N",
      description =
          "Connection attempts to add after the first when the database does not answer (default"
              + " 0: fail at once; -1 waits without end; database.max_retries in --config or the"
              + " environment counts attempts in all).")
  Integer connectRetries;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean verbose;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    quietPoolLogging();
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** Progress lines name revisions; the connection pool's start and stop lines are noise here. */
  private static void quietPoolLogging() {
    System.setProperty(
        "org.slf4j.simpleLogger.log.com.zaxxer.hikari",
        System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn"));
  }

  /** Without a command: prints the usage to stderr and fails as bad usage. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The version shown by {@code --version}: the jar's implementation version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"plinth-migrate " + (version == null ? "(development)" : version)};
    }
  }
}
