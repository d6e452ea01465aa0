package dev.plinth.db.archive.cli;

import dev.plinth.db.archive.ArchiveException;
import dev.plinth.db.archive.ArchiveResult;
import dev.plinth.db.archive.Archiver;
import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.cli.ErrorReport;
import dev.plinth.db.migrate.cli.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code archive}: moves soft-deleted rows into the shadow tables. */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {
      "Moves soft-deleted rows (deleted <> 0) into their shadow_<table> tables, children before"
          + " parents; live rows that reference a moved row move with it and are reported as"
          + " residue. Each batch is one transaction, so the command can be killed at any moment"
          + " and run again."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing left to archive",
      "1:failure or a refused table",
      "2:bad usage",
      "3:the row budget ran out and rows remain (run again)"
    })
final class ArchiveCommand extends ArchiveSubcommand {

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Rows per batch, and soft-deleted rows per run unless --until-complete"
              + " (default: ${DEFAULT-VALUE}). Residue rows are not counted.")
  private int maxRows;

  @Option(
      names = "--before",
      paramLabel = "DATE",
      converter = DateConverter.class,
      description =
          "Archive only rows with deleted_at before DATE: YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (UTC)"
              + " or ISO-8601 with offset.")
  private Instant before;

  @Option(
      names = "--until-complete",
      description = "Run batch after batch until nothing is left to archive.")
  private boolean untilComplete;

  @Option(
      names = "--sleep",
      paramLabel = "MS",
      defaultValue = "0",
      description = "Pause between batches, in milliseconds (default: ${DEFAULT-VALUE}).")
  private long sleepMillis;

  @Option(
      names = "--tables",
      paramLabel = "TABLE",
      split = ",",
      description =
          "Archive only these tables (comma-separated); default: every soft-deletable one.")
  private List<String> tables = List.of();

  @Option(names = "--dry-run", description = "Count what would be archived; change nothing.")
  private boolean dryRun;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "Archive with up to N threads, each on its own connection: tables that do not"
              + " reference each other side by side, and a table's integer keys split into ranges"
              + " when there are fewer tables than threads (default: ${DEFAULT-VALUE}; 1 for the"
              + " gentlest load on the database). Each batch is still one transaction of at most"
              + " --max-rows rows.")
  private int parallel;

  @Option(
      names = "--synchronous-commit",
      description =
          "Wait for every batch's commit to reach the disk. By default a batch's commit does not"
              + " wait on PostgreSQL (synchronous_commit=off) and on SQLite in WAL mode"
              + " (synchronous=NORMAL): a crash may then undo the last batches, whole, and the"
              + " next run moves their rows again.")
  private boolean synchronousCommit;

  @Override
  public Integer call() {
    if (maxRows < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-rows must be at least 1, got " + maxRows);
    }
    if (parallel < 1) {
      throw new ParameterException(
          spec.commandLine(), "--parallel must be at least 1, got " + parallel);
    }
    if (sleepMillis < 0) {
      throw new ParameterException(
          spec.commandLine(), "--sleep must not be negative, got " + sleepMillis);
    }
    Progress progress = new Progress(progress(), System.console() != null);
    try (Database db = open()) {
      Archiver archiver = build(db, progress);
      try {
        ArchiveResult result = archiver.run();
        progress.finish();
        print(result);
        return result.rowsRemain() ? Main.ROWS_REMAIN : 0;
      } catch (ArchiveException e) {
        progress.finish();
        e.result().ifPresent(this::print);
        ErrorReport.print(err(), e, main().verbosity.verbose());
        return 1;
      }
    }
  }

  private Archiver build(Database db, Progress progress) {
    try {
      return Archiver.builder()
          .database(db)
          .maxRows(maxRows)
          .before(before)
          .untilComplete(untilComplete)
          .sleep(Duration.ofMillis(sleepMillis))
          .tables(tables)
          .dryRun(dryRun)
          .synchronousCommit(synchronousCommit)
          .parallel(parallel)
          .listener(progress)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--tables: " + e.getMessage(), e);
    }
  }

  private static String remains(ArchiveResult r) {
    if (!r.refused().isEmpty()) {
      return "; rows remain in refused tables";
    }
    return r.rowsRemain() ? "; rows remain, run again" : "; nothing left";
  }

  private void print(ArchiveResult r) {
    PrintWriter out = out();
    if (json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("archived", r.archived());
      json.put("residue", r.residue());
      json.put("refused", r.refused());
      json.put("skipped", r.skipped());
      json.put("total_archived", r.totalArchived());
      json.put("total_residue", r.totalResidue());
      json.put("rows_remain", r.rowsRemain());
      json.put("dry_run", r.dryRun());
      out.println(Json.write(json));
    } else {
      String verb = r.dryRun() ? "would archive" : "archived";
      r.archived().forEach((t, n) -> out.println(t + ": " + verb + " " + n));
      r.residue().forEach((t, n) -> out.println(t + ": residue " + n));
      r.refused().forEach((t, why) -> out.println(t + ": refused"));
      r.skipped().forEach((t, why) -> out.println(t + ": skipped, no deleted column"));
      out.println(
          "total: "
              + verb
              + " "
              + r.totalArchived()
              + ", residue "
              + r.totalResidue()
              + remains(r));
    }
    out.flush();
  }
}
