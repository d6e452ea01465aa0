package dev.plinth.db.migrate.cli;

import dev.plinth.db.core.UrlSanitizer;
import java.io.PrintWriter;
import java.util.List;
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
      err().println("error: " + describe(e));
      if (main.verbose) {
        err().print(UrlSanitizer.stackTrace(e));
      }
      err().flush();
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

  /** Diagnostics and progress. */
  final PrintWriter err() {
    return spec.commandLine().getErr();
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
    String format = main.format == null ? "text" : main.format;
    switch (format) {
      case "text":
        return false;
      case "json":
        return true;
      default:
        throw new UsageException(
            "--format " + format + " is not supported by " + spec.name() + ": use text or json");
    }
  }

  /** Prints revision ids: one per line, or a JSON array with {@code --format json}. */
  final void printIds(List<String> ids) {
    if (json()) {
      out().println(Json.array(ids));
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

  private static String describe(Throwable e) {
    String message = e.getMessage();
    // one line, whatever the driver put in its message (PostgreSQL adds "\n  Position: 13")
    return UrlSanitizer.sanitizeText(
        (message == null || message.isBlank() ? e.toString() : message)
            .strip()
            .replaceAll("\\s*\\R\\s*", " "));
  }
}
