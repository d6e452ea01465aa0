package dev.plinth.db.it.migrate.cli;

import dev.plinth.db.core.Database;
import dev.plinth.db.it.migrate.SqlRevisionFiles;
import dev.plinth.db.migrate.cli.Main;
import dev.plinth.db.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** A migrations directory and a database, driven through the CLI in this JVM. */
final class CliProject {
  private final Path dir;
  private final TestDatabase tdb;

  CliProject(Path dir, TestDatabase tdb) {
    this.dir = dir;
    this.tdb = tdb;
  }

  /** The migrations directory. */
  Path dir() {
    return dir;
  }

  /** Writes a SQL revision file; {@code down} may be empty for a base. */
  Path revision(String file, String id, String down, String upgrade, String downgrade)
      throws IOException {
    return SqlRevisionFiles.write(dir, file, id, down, upgrade, downgrade);
  }

  /** Runs {@code plinth-migrate --url URL --locations filesystem:DIR args...}. */
  Result run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--url=" + tdb.url();
    all[1] = "--locations=filesystem:" + dir;
    System.arraycopy(args, 0, all, 2, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(all);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Runs {@code plinth-migrate --url URL --locations filesystem:DIR args...} in a JVM of its own,
   * as a service runs it: {@code java -cp <test class path>:<classPathRoot> ...Main}, where {@code
   * classPathRoot} holds the service's {@code META-INF/services} files.
   */
  Result runInJvm(Path classPathRoot, Path work, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path") + File.pathSeparator + classPathRoot);
    command.add(Main.class.getName());
    command.add("--url=" + tdb.url());
    command.add("--locations=filesystem:" + dir);
    command.addAll(List.of(args));
    return execute(command, null, work);
  }

  /**
   * Runs {@code command} to its end, its stdin read from {@code input} (null: none), its output
   * kept in files under {@code work}.
   */
  static Result execute(List<String> command, Path input, Path work)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 2 minutes");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The version table's rows, sorted; empty if it does not exist. */
  static List<String> versionRows(Database db) {
    return db.reader()
        .call(
            tx ->
                db.schema().tableNames(tx).contains("plinth_version")
                    ? tx.query(
                        "SELECT version_num FROM plinth_version ORDER BY version_num",
                        rs -> rs.getString(1))
                    : List.of());
  }

  /** Whether a table exists. */
  static boolean tableExists(Database db, String table) {
    return db.reader().call(tx -> db.schema().tableNames(tx).contains(table));
  }

  /**
   * One run.
   *
   * @param exitCode the exit code
   * @param out stdout
   * @param err stderr
   */
  record Result(int exitCode, String out, String err) {}
}
