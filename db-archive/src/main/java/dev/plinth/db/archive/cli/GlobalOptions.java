package dev.plinth.db.archive.cli;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command takes: where the database is and how to print results. They may stand
 * before the command ({@code plinth-archive --url URL archive}) or after it, as with
 * plinth-migrate; a value given after the command wins.
 */
final class GlobalOptions {
  /** How results are printed on stdout. */
  enum Format {
    text,
    json
  }

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "JDBC_URL",
      description = "JDBC URL of the database; overrides database.connection of --config.")
  private String url;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with database.* options (database.connection, pool and retry"
              + " settings). PLINTH_DATABASE_* environment variables override it.")
  private Path config;

  @Option(
      names = "--connect-retries",
      paramLabel = "N",
      description =
          "Connection attempts to add after the first when the database does not answer (default"
              + " 0: fail at once; database.max_retries in --config or the environment counts"
              + " attempts in all).")
  private Integer connectRetries;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output on stdout: ${COMPLETION-CANDIDATES} (default: text).")
  private Format format;

  /** The chosen output format. */
  Format format() {
    Format f = format != null ? format : beforeCommand().format;
    return f == null ? Format.text : f;
  }

  /**
   * Opens the database from {@code --config}, the environment and {@code --url}, in that order.
   *
   * @throws ParameterException if no URL is given anywhere or the configuration is invalid
   */
  Database open() {
    DatabaseConfig.Builder b = DatabaseConfig.builder().maxRetries(1);
    try {
      Path configFile = config != null ? config : beforeCommand().config;
      String jdbcUrl = url != null ? url : beforeCommand().url;
      if (configFile != null) {
        b.propertiesFile(configFile);
      }
      b.environment(System.getenv());
      if (jdbcUrl != null) {
        b.connection(jdbcUrl);
      }
      Integer retries = connectRetries != null ? connectRetries : beforeCommand().connectRetries;
      if (retries != null) {
        b.maxRetries(retries < 0 ? -1 : retries + 1);
      }
      return Database.builder().config(b.build()).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "bad database settings (--url/--config): " + e.getMessage(), e);
    }
  }

  /** The same options as given before the command name, on the top-level command. */
  private GlobalOptions beforeCommand() {
    CommandSpec top = spec.root().mixins().get("global");
    return top == null || top.userObject() == this
        ? new GlobalOptions()
        : (GlobalOptions) top.userObject();
  }
}
