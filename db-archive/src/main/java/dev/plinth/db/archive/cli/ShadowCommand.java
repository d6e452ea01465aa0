package dev.plinth.db.archive.cli;

import dev.plinth.db.archive.ShadowCreation;
import dev.plinth.db.archive.ShadowDrift;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.cli.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shadow}: creates or checks the shadow tables. */
@Command(
    name = "shadow",
    mixinStandardHelpOptions = true,
    description =
        "Manages the shadow_<table> tables of every soft-deletable table and every table that"
            + " references one.",
    subcommands = {ShadowCommand.Create.class, ShadowCommand.Check.class})
final class ShadowCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "give a subcommand: create or check");
  }

  /** {@code shadow create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates the missing shadow tables: same columns, types, nullability, defaults and"
            + " primary key as the main table; no foreign keys, unique constraints or indexes."
            + " Existing shadow tables are left as they are.",
        "A table whose name (or its shadow's) cannot be quoted safely is refused on its own and"
            + " named on stderr; the others are created."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:done", "1:a table refused (or failure)", "2:bad usage"})
  static final class Create extends ArchiveSubcommand {

    @Override
    public Integer call() {
      try (Database db = open()) {
        ShadowCreation creation = ShadowTables.of(db).create();
        PrintWriter out = out();
        if (json()) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("created", creation.created());
          json.put("refused", creation.refused());
          out.println(Json.write(json));
        } else {
          creation.created().forEach(t -> out.println("created " + t));
          out.println(creation.created().size() + " shadow table(s) created");
        }
        out.flush();
        creation.refused().values().forEach(why -> err().println("error: " + why));
        return creation.refused().isEmpty() ? 0 : 1;
      }
    }
  }

  /** {@code shadow check}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Compares every shadow table with its main table column by column (names, types,"
            + " nullability, defaults) and by primary key, and reports each difference."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:all match",
        "1:a shadow table is missing or has drifted (or failure)",
        "2:bad usage"
      })
  static final class Check extends ArchiveSubcommand {

    @Override
    public Integer call() {
      try (Database db = open()) {
        List<ShadowDrift> drifts = ShadowTables.of(db).check();
        PrintWriter out = out();
        if (json()) {
          Map<String, Object> json = new LinkedHashMap<>();
          drifts.forEach(d -> json.put(d.table(), d.missing() ? "missing" : d.differences()));
          out.println(Json.write(Map.of("drift", json)));
        } else {
          drifts.forEach(d -> out.println(d.describe()));
          out.println(drifts.isEmpty() ? "all shadow tables match" : drifts.size() + " drifted");
        }
        out.flush();
        return drifts.isEmpty() ? 0 : 1;
      }
    }
  }
}
