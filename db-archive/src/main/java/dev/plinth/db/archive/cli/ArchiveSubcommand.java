package dev.plinth.db.archive.cli;

import dev.plinth.db.core.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code plinth-archive} command shares: the global options of {@link Main} (given
 * before or after the command name), the database they name and the output streams.
 */
abstract class ArchiveSubcommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The top-level command, which holds the global options. */
  final Main main() {
    return (Main) spec.root().userObject();
  }

  /** Opens the database named by {@code --url}, {@code --config} and the environment. */
  final Database open() {
    return main().database.open(System.getenv());
  }

  /** Whether {@code --format json} was given. */
  final boolean json() {
    return main().format == Main.Format.json;
  }

  /** Results. */
  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Errors. */
  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Progress and notes; nothing with {@code -q}. */
  final PrintWriter progress() {
    return main().verbosity.progress(err());
  }
}
