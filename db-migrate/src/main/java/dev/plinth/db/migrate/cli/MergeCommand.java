package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.graph.RevisionGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge -m MESSAGE [REVS...]}: writes a revision that joins heads, as alembic merge. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Write a merge revision (a SQL file with empty sections) whose down_revision lists the"
          + " given revisions: ids, prefixes or labels, or heads (the default) for all heads.",
      "Needs at least two revisions. Prints the file's path."
    })
final class MergeCommand extends MigrateCommand {

  @Option(
      names = {"-m", "--message"},
      required = true,
      description = "One-line description.")
  String message;

  @Option(
      names = "--branch-label",
      paramLabel = "LABEL",
      split = ",",
      description = "Branch label(s) of the merge revision.")
  List<String> branchLabels = new ArrayList<>();

  @Parameters(
      paramLabel = "REVS",
      arity = "0..*",
      description = "Revisions to merge (default: heads).")
  List<String> revisions = new ArrayList<>();

  @Override
  protected int run() {
    RevisionGraph graph = project().graph();
    Set<String> down = new LinkedHashSet<>();
    for (String rev : revisions.isEmpty() ? List.of("heads") : revisions) {
      if (rev.equals("heads")) {
        down.addAll(graph.heads());
      } else {
        down.add(graph.revision(rev).id());
      }
    }
    if (down.size() < 2) {
      throw new UsageException(
          "nothing to merge: " + down + " is a single revision; merge needs two or more heads");
    }
    NewRevision merge =
        new NewRevision(
            NewRevision.freshId(graph),
            List.copyOf(down),
            branchLabels,
            List.of(),
            Optional.empty(),
            message);
    Path file = RevisionFiles.writeSql(project().directory(), merge);
    out().println(file);
    err().println("merge revision " + merge.id() + " joins " + merge.down());
    return ExitCodes.OK;
  }
}
