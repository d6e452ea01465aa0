package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.Phase;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revision -m MESSAGE}: writes a new, empty revision file, as {@code alembic revision}. */
@Command(
    name = "revision",
    mixinStandardHelpOptions = true,
    description = {
      "Write a new revision file with a fresh 12-hex id in the first filesystem: location: a SQL"
          + " file (default) or a Java migration class (--java).",
      "Its down_revision is the single head; with several heads it refuses to guess: pass"
          + " --head REV, or join them first with `plinth-migrate merge`. --head base starts a"
          + " new branch (give it a --branch-label). Prints the file's path."
    })
final class RevisionCommand extends MigrateCommand {

  @Option(
      names = {"-m", "--message"},
      required = true,
      description = "One-line description.")
  String message;

  @Option(names = "--sql", description = "Write a SQL migration (the default).")
  boolean sqlFile;

  @Option(names = "--java", description = "Write a Java migration class instead of a SQL file.")
  boolean javaFile;

  @Option(
      names = "--head",
      paramLabel = "REV",
      description = "The revision to follow (id, prefix or label), or base for a new branch.")
  String head;

  @Option(
      names = "--branch-label",
      paramLabel = "LABEL",
      split = ",",
      description = "Branch label(s) of the new revision.")
  List<String> branchLabels = new ArrayList<>();

  @Option(
      names = "--depends-on",
      paramLabel = "REV",
      split = ",",
      description = "Revision(s) that must be applied first without being parents.")
  List<String> dependsOn = new ArrayList<>();

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description = "Online-upgrade phase: expand or contract.")
  String phase;

  @Override
  protected int run() {
    if (sqlFile && javaFile) {
      throw new UsageException("give --sql or --java, not both");
    }
    RevisionGraph graph = project().graph();
    NewRevision revision =
        new NewRevision(
            NewRevision.freshId(graph),
            down(graph),
            branchLabels,
            dependsOn.stream().map(d -> graph.revision(d).id()).toList(),
            Optional.ofNullable(phase).map(RevisionCommand::phase),
            message);
    Path dir = project().directory();
    Path file =
        javaFile ? RevisionFiles.writeJava(dir, revision) : RevisionFiles.writeSql(dir, revision);
    out().println(file);
    err().println("revision " + revision.id() + " follows " + revision.down());
    if (javaFile) {
      err()
          .println(
              "move it to your sources and list it in"
                  + " META-INF/services/dev.plinth.db.migrate.Migration");
    }
    return ExitCodes.OK;
  }

  private List<String> down(RevisionGraph graph) {
    if (head != null) {
      return head.equals("base") ? List.of() : List.of(graph.revision(head).id());
    }
    List<String> heads = graph.heads();
    if (heads.size() > 1) {
      throw new UsageException(
          "there are several heads "
              + heads
              + ": pass --head REV to choose the one to follow, or join them first with"
              + " `plinth-migrate merge -m MESSAGE`");
    }
    return heads;
  }

  private static String phase(String text) {
    try {
      return Phase.parse(text).name().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--phase: " + e.getMessage(), e);
    }
  }
}
