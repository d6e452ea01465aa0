package dev.plinth.db.migrate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Every option of both command lines, when not on the command line, from the environment and then
 * from the {@code --config} file. An option's key is its long name in snake_case, after the names
 * of its command for a command's own option: {@code --lock-timeout} is {@code PLINTH_LOCK_TIMEOUT}
 * or {@code plinth.lock_timeout}; {@code archive --max-rows} is {@code PLINTH_ARCHIVE_MAX_ROWS} or
 * {@code plinth.archive.max_rows}. The file is {@code --config}'s, else {@code PLINTH_CONFIG}'s.
 * Not a library API.
 */
public final class OptionDefaults implements IDefaultValueProvider {
  private static final String ENV_PREFIX = "PLINTH_";
  private static final String FILE_PREFIX = "plinth.";

  private final Map<String, String> environment;
  private final Map<Path, Properties> files = new HashMap<>();

  /**
   * Creates the provider.
   *
   * @param environment the variables to read, usually {@code System.getenv()}
   */
  public OptionDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * The value for {@code arg} from the environment or the file, or null for picocli's default.
   *
   * @throws ParameterException if the {@code --config} file cannot be read
   */
  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String key = key(option);
    String fromEnvironment = environment.get(environmentName(key));
    if (fromEnvironment != null || key.equals("config")) {
      return fromEnvironment;
    }
    Path file = configFile(option.command());
    return file == null ? null : read(option.command(), file).getProperty(FILE_PREFIX + key);
  }

  /** The variable that sets an option whose file key is {@code plinth.<key>}. */
  static String environmentName(String key) {
    return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The option's key: its long name in snake_case, after its command's path for a local one. */
  static String key(OptionSpec option) {
    String name = option.longestName().replaceFirst("^-+", "").replace('-', '_');
    if (option.inherited() || option.scopeType() == picocli.CommandLine.ScopeType.INHERIT) {
      return name;
    }
    List<String> path = new ArrayList<>();
    for (CommandSpec c = option.command(); c.parent() != null; c = c.parent()) {
      path.add(0, c.name().replace('-', '_'));
    }
    path.add(name);
    return String.join(".", path);
  }

  private Path configFile(CommandSpec command) {
    OptionSpec config = command.root().findOption("--config");
    Object given = config == null ? null : config.getValue();
    if (given != null) {
      return (Path) given;
    }
    String fromEnvironment = environment.get(environmentName("config"));
    return fromEnvironment == null ? null : Path.of(fromEnvironment);
  }

  private Properties read(CommandSpec command, Path file) {
    Properties cached = files.get(file);
    if (cached != null) {
      return cached;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new ParameterException(
          command.commandLine(), "cannot read --config " + file + ": " + e.getMessage(), e);
    }
    refuseUnknownKeys(command, file, p);
    files.put(file, p);
    return p;
  }

  /** A misspelt {@code plinth.*} key would be ignored in silence: refuse it, naming it. */
  private static void refuseUnknownKeys(CommandSpec command, Path file, Properties p) {
    Set<String> known = new TreeSet<>();
    collectKeys(command.root(), known);
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith(FILE_PREFIX) && !known.contains(name.substring(FILE_PREFIX.length()))) {
        throw new ParameterException(
            command.commandLine(),
            file
                + ": unknown key '"
                + name
                + "'; the plinth.* keys are the options' long names in snake_case, after their"
                + " command's name for a command's own option (plinth.lock_timeout,"
                + " plinth.archive.max_rows)");
      }
    }
  }

  private static void collectKeys(CommandSpec command, Set<String> keys) {
    for (OptionSpec option : command.options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        keys.add(key(option));
      }
    }
    command.subcommands().values().forEach(sub -> collectKeys(sub.getCommandSpec(), keys));
  }
}
