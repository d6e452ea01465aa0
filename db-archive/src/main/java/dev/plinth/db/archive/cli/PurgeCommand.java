package dev.plinth.db.archive.cli;

import dev.plinth.db.archive.PurgeResult;
import dev.plinth.db.archive.Purger;
import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.cli.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code purge}: deletes archived rows from the shadow tables for good. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Deletes rows from every shadow_* table for good: those dated before --before (by the first"
          + " of deleted_at, updated_at, created_at the table has), or all of them with --all."
          + " Runs in batches, each its own transaction."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failure", "2:bad usage"})
final class PurgeCommand extends ArchiveSubcommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Which which;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Rows deleted per transaction (default: ${DEFAULT-VALUE}).")
  private int batchSize;

  /** Exactly one of {@code --before} and {@code --all}. */
  static final class Which {
    @Option(
        names = "--before",
        paramLabel = "DATE",
        required = true,
        converter = DateConverter.class,
        description = "Delete shadow rows dated before DATE (YYYY-MM-DD, UTC).")
    Instant before;

    @Option(names = "--all", required = true, description = "Delete every shadow row.")
    boolean all;
  }

  @Override
  public Integer call() {
    if (batchSize < 1) {
      throw new ParameterException(
          spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
    }
    try (Database db = open()) {
      Purger.Builder b = Purger.builder().database(db).batchSize(batchSize);
      PurgeResult r = (which.all ? b.all() : b.before(which.before)).build().run();
      print(r);
      return 0;
    }
  }

  private void print(PurgeResult r) {
    PrintWriter out = out();
    if (json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("deleted", r.deleted());
      json.put("skipped", r.skipped());
      json.put("total", r.total());
      out.println(Json.write(json));
    } else {
      r.deleted().forEach((t, n) -> out.println(t + ": purged " + n));
      r.skipped().forEach(t -> out.println(t + ": skipped, no date column or single-column key"));
      out.println("total: purged " + r.total());
    }
    out.flush();
  }
}
