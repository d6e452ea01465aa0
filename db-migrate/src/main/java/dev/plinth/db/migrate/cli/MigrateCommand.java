package dev.plinth.db.migrate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every {@code plinth-migrate} command shares: the global options of {@link Main}, the project
 * they name, the output streams, and the one place where an exception becomes one line on stderr
 * and an exit code ({@link ExitCodes}). A command implements {@link #run()} and returns its exit
 * code.
 */
abstract class MigrateCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Spec CommandSpec spec;

  private Project project;

  /** Runs the command; failures are reported on stderr and mapped to an exit code. */
  @Override
  public final Integer call() {
    try {
      int code = run();
      out().flush();
      return code;
    } catch (RuntimeException e) {
      out().flush();
      ErrorReport.print(spec.commandLine().getErr(), e, main.verbosity.verbose());
      return ExitCodes.of(e);
    }
  }

  /**
   * Does the command's work.
   *
   * @return the exit code
   */
  protected abstract int run();

  /** Results. */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Diagnostics and progress; nothing with {@code -q}. Errors go through {@link #call()}. */
  final PrintWriter err() {
    return main.verbosity.progress(spec.commandLine().getErr());
  }

  /** The revisions and database the global options name. */
  final Project project() {
    if (project == null) {
      project = new Project(main);
    }
    return project;
  }

  /**
   * Refuses an empty or blank argument before anything runs: an unset shell variable must never
   * mean {@code base}.
   *
   * @throws UsageException naming the argument
   */
  static void requireNamed(String label, String value) {
    if (value == null || value.isBlank()) {
      throw new UsageException(
          label
              + " is empty: name a revision, heads or base (base must be written out; is a"
              + " variable unset?)");
    }
  }

  /** Whether {@code --format json} was given; refuses formats other than text and json. */
  final boolean json() {
    Main.Format format = main.format == null ? Main.Format.text : main.format;
    switch (format) {
      case text:
        return false;
      case json:
        return true;
      default:
        throw new UsageException(
            "--format " + format + " is not supported by " + spec.name() + ": use text or json");
    }
  }

  /** Prints one JSON object, {@code {"<key>": value}}, the shape every command's JSON has. */
  final void printJson(Map<String, ?> fields) {
    out().println(Json.write(fields));
  }

  /**
   * Prints revision ids: one per line, or with {@code --format json} one JSON array of them, as
   * every command whose whole result is a list of ids does.
   */
  final void printIds(List<String> ids) {
    if (json()) {
      out().println(Json.write(ids));
    } else {
      ids.forEach(out()::println);
    }
  }

  /**
   * Prints revisions of the graph: one {@link Describe#line} each, or a JSON array of their ids
   * with {@code --format json}.
   */
  final void printRevisions(List<String> ids) {
    if (json()) {
      printIds(ids);
    } else {
      ids.forEach(id -> out().println(Describe.line(project().graph(), id)));
    }
  }
}
