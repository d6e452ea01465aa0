package dev.plinth.db.migrate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code generate-man-pages DIR}, hidden, of both command lines: writes one manual page per command
 * ({@code plinth-migrate.1}, {@code plinth-migrate-upgrade.1}, …) into {@code DIR}, as the
 * distribution's build does, so that the pages come from the same specs as {@code --help}. Like
 * picocli's {@code generate-completion}, it is a subcommand so that it sees the whole command tree.
 * Not a library API.
 */
@Command(
    name = "generate-man-pages",
    hidden = true,
    description = "Writes a manual page per command into DIR (for the distribution's build).")
public final class ManPageCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Where the pages go; created if missing.")
  private Path dir;

  /** Creates the command; picocli instantiates it. */
  public ManPageCommand() {}

  /**
   * Writes the pages and prints their file names.
   *
   * @throws IOException if a page cannot be written
   */
  @Override
  public Integer call() throws IOException {
    Files.createDirectories(dir);
    write(spec.root(), BuildVersion.version());
    return 0;
  }

  private void write(CommandSpec command, String version) throws IOException {
    String file = ManPage.fileName(command);
    Files.writeString(dir.resolve(file), ManPage.render(command, version));
    spec.commandLine().getOut().println(file);
    for (CommandSpec sub : ManPage.subcommands(command)) {
      write(sub, version);
    }
  }
}
