package dev.plinth.db.migrate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * One command's manual page, in troff's {@code man} macros, rendered from its picocli spec so that
 * it says what {@code --help} says and cannot drift from it: synopsis, description, subcommands,
 * arguments, options with the environment variable and {@code --config} key of each, the
 * environment and the exit codes. Not a library API.
 */
final class ManPage {
  /** What the distribution's launchers read, besides the command's own variables. */
  private static final Map<String, String> LAUNCHER_VARIABLES =
      Map.of(
          "JAVA_HOME", "The Java 17 or later to run; else java on PATH.",
          "JAVA_OPTS", "Options for the JVM, after the launcher's own, so they override them.",
          "PLINTH_CDS", "off: start without the class-data-sharing archive.",
          "PLINTH_CDS_DIR",
              "Where the launcher keeps its class-data-sharing archive (default"
                  + " ${XDG_CACHE_HOME:-$HOME/.cache}/plinth).");

  private final CommandSpec command;
  private final StringBuilder page = new StringBuilder();

  private ManPage(CommandSpec command) {
    this.command = command;
  }

  /** The page's file name: {@code plinth-migrate-upgrade.1} for {@code plinth-migrate upgrade}. */
  static String fileName(CommandSpec command) {
    return name(command) + ".1";
  }

  /**
   * The page of {@code command}.
   *
   * @param command a command of either command line
   * @param version the build's version, for the page's footer
   */
  static String render(CommandSpec command, String version) {
    return new ManPage(command).write(version);
  }

  private String write(String version) {
    String name = name(command);
    macro(
        ".TH",
        name.toUpperCase(Locale.ROOT),
        "1",
        "",
        root(command) + " " + version,
        "Plinth Manual");
    // Option names, variables and keys must read as typed: no hyphenation, no stretched spaces.
    line(".nh");
    line(".ad l");
    section("NAME");
    line(escape(name) + " \\- " + escape(summary(command)));
    section("SYNOPSIS");
    line(".nf");
    String synopsis = new Help(command, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0);
    synopsis.lines().forEach(l -> line(escape(l)));
    line(".fi");
    section("DESCRIPTION");
    for (String paragraph : command.usageMessage().description()) {
      line(".PP");
      line(escape(paragraph));
    }
    commands();
    arguments();
    options();
    environment();
    exitStatus();
    seeAlso();
    return page.toString();
  }

  private void commands() {
    List<CommandSpec> shown = subcommands(command);
    if (shown.isEmpty()) {
      return;
    }
    section("COMMANDS");
    for (CommandSpec sub : shown) {
      item("\\fB" + escape(sub.name()) + "\\fR");
      line(escape(summary(sub)) + " See \\fB" + escape(name(sub)) + "\\fR(1).");
    }
  }

  private void arguments() {
    List<PositionalParamSpec> shown =
        command.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    if (shown.isEmpty()) {
      return;
    }
    section("ARGUMENTS");
    for (PositionalParamSpec p : shown) {
      item("\\fI" + escape(p.paramLabel()) + "\\fR");
      line(escape(String.join(" ", p.renderedDescription())));
    }
  }

  private void options() {
    section("OPTIONS");
    for (OptionSpec o : shownOptions()) {
      List<String> names = new ArrayList<>();
      for (String n : o.names()) {
        names.add("\\fB" + escape(n) + "\\fR");
      }
      String label = o.typeInfo().isBoolean() ? "" : " \\fI" + escape(o.paramLabel()) + "\\fR";
      item(String.join(", ", names) + label);
      line(escape(String.join(" ", o.renderedDescription())));
      if (!o.usageHelp() && !o.versionHelp()) {
        line(".br");
        line(escape(whereElse(o)));
      }
    }
  }

  /** Where else an option may come from, as {@link OptionDefaults} reads it. */
  private static String whereElse(OptionSpec o) {
    String key = OptionDefaults.key(o);
    String variable = OptionDefaults.environmentName(key);
    return key.equals("config")
        ? "Environment: " + variable + "."
        : "Environment: " + variable + "; in the --config file: plinth." + key + ".";
  }

  private void environment() {
    section("ENVIRONMENT");
    line(
        "An option not on the command line is read from its variable, then from the --config file.");
    for (OptionSpec o : shownOptions()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        item("\\fB" + OptionDefaults.environmentName(OptionDefaults.key(o)) + "\\fR");
        line("As \\fB" + escape(o.longestName()) + "\\fR.");
      }
    }
    if (command.findOption("--url") != null) {
      item("\\fB" + DatabaseOptions.CONNECTION_VARIABLE + "\\fR");
      line(
          escape(
              "The database's JDBC URL when --url is not given; the other PLINTH_DATABASE_<KEY>"
                  + " variables set the database.<key> settings of the --config file."));
    }
    LAUNCHER_VARIABLES.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            v -> {
              item("\\fB" + v.getKey() + "\\fR");
              line(escape(v.getValue() + " Read by the distribution's launcher script."));
            });
  }

  /** The command's exit codes, else those of the nearest command above it that lists them. */
  private void exitStatus() {
    CommandSpec c = command;
    while (c.usageMessage().exitCodeList().isEmpty() && c.parent() != null) {
      c = c.parent();
    }
    Map<String, String> codes = c.usageMessage().exitCodeList();
    if (codes.isEmpty()) {
      return;
    }
    section("EXIT STATUS");
    codes.forEach(
        (code, meaning) -> {
          item("\\fB" + escape(code.strip()) + "\\fR");
          line(escape(meaning));
        });
  }

  private void seeAlso() {
    List<CommandSpec> pages = new ArrayList<>();
    if (command.parent() != null) {
      pages.add(command.parent());
    }
    subcommands(command).forEach(pages::add);
    if (pages.isEmpty()) {
      return;
    }
    section("SEE ALSO");
    line(
        String.join(",\n", pages.stream().map(p -> "\\fB" + escape(name(p)) + "\\fR(1)").toList()));
  }

  private List<OptionSpec> shownOptions() {
    return command.options().stream().filter(o -> !o.hidden()).toList();
  }

  /** The commands that get pages of their own: all but hidden ones and {@code help}. */
  static List<CommandSpec> subcommands(CommandSpec command) {
    return command.subcommands().values().stream()
        .map(c -> c.getCommandSpec())
        .distinct()
        .filter(c -> !c.usageMessage().hidden() && !c.helpCommand())
        .toList();
  }

  private static String name(CommandSpec command) {
    return command.qualifiedName().replace(' ', '-');
  }

  private static String root(CommandSpec command) {
    return command.root().name();
  }

  /** The first sentence of the description, for the NAME line and the command lists. */
  private static String summary(CommandSpec command) {
    String[] description = command.usageMessage().description();
    if (description.length == 0) {
      return "";
    }
    String first = description[0];
    int end = first.indexOf(". ");
    return end < 0 ? first : first.substring(0, end + 1);
  }

  private void section(String title) {
    line(".SH " + title);
  }

  private void item(String tag) {
    line(".TP");
    line(tag);
  }

  private void macro(String name, String... args) {
    StringBuilder m = new StringBuilder(name);
    for (String a : args) {
      m.append(" \"").append(escape(a).replace("\"", "\\(dq")).append('"');
    }
    line(m.toString());
  }

  private void line(String text) {
    page.append(text).append('\n');
  }

  /**
   * Text as troff reads it literally: backslashes and hyphens escaped, and a line that would start
   * with a control character ({@code .} or {@code '}) guarded by a zero-width space.
   */
  static String escape(String text) {
    String escaped = text.replace("\\", "\\e").replace("-", "\\-");
    return escaped.replaceAll("(?m)^([.'])", "\\\\&$1");
  }
}
