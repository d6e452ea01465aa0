package dev.plinth.db.migrate.cli;

import dev.plinth.db.migrate.RevisionInfo;
import dev.plinth.db.migrate.graph.RevisionGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show REV}: one revision's declaration, as {@code alembic show}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print one revision: id, parents, children, branch labels, depends_on, phase, file and"
          + " message. REV is an id, unambiguous prefix or branch label.",
      "Reads the revision files only. With --format json: one JSON object."
    })
final class ShowCommand extends MigrateCommand {

  @Parameters(index = "0", paramLabel = "REV", description = "Revision id, prefix or label.")
  String revision;

  @Override
  protected int run() {
    requireNamed("REV", revision);
    RevisionGraph graph = project().graph();
    RevisionInfo info = graph.revision(revision);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("revision", info.id());
    fields.put("down_revisions", info.downRevisions());
    fields.put("children", graph.children(info.id()));
    fields.put("branch_labels", info.branchLabels());
    fields.put("depends_on", info.dependsOn());
    fields.put("phase", info.phase().map(p -> p.name().toLowerCase(Locale.ROOT)).orElse(null));
    fields.put("transactional", info.transactional());
    fields.put("head", graph.heads().contains(info.id()));
    fields.put("origin", info.origin());
    fields.put("message", info.message());
    if (json()) {
      printJson(fields);
    } else {
      fields.forEach((name, value) -> out().println(name + ": " + text(value)));
    }
    return ExitCodes.OK;
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "" : String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : value.toString();
  }
}
