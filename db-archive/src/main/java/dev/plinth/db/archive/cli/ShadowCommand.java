package dev.plinth.db.archive.cli;

import dev.plinth.db.archive.ShadowDrift;
import dev.plinth.db.archive.ShadowTables;
import dev.plinth.db.core.Database;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        "Exit codes: 0 done, 1 failure, 2 bad usage."
      })
  static final class Create implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private GlobalOptions global;

    @Override
    public Integer call() {
      try (Database db = global.open()) {
        List<String> created = ShadowTables.of(db).create();
        PrintWriter out = spec.commandLine().getOut();
        if (global.format() == GlobalOptions.Format.json) {
          out.println(Json.of(Map.of("created", created)));
        } else {
          created.forEach(t -> out.println("created " + t));
          out.println(created.size() + " shadow table(s) created");
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code shadow check}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Compares every shadow table with its main table column by column (names, types,"
            + " nullability, defaults) and by primary key, and reports each difference.",
        "Exit codes: 0 all match, 1 a shadow table is missing or has drifted (or failure),"
            + " 2 bad usage."
      })
  static final class Check implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private GlobalOptions global;

    @Override
    public Integer call() {
      try (Database db = global.open()) {
        List<ShadowDrift> drifts = ShadowTables.of(db).check();
        PrintWriter out = spec.commandLine().getOut();
        if (global.format() == GlobalOptions.Format.json) {
          Map<String, Object> json = new LinkedHashMap<>();
          drifts.forEach(d -> json.put(d.table(), d.missing() ? "missing" : d.differences()));
          out.println(Json.of(Map.of("drift", json)));
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
