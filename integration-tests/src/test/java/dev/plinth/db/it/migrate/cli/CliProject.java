package dev.plinth.db.it.migrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A migrations directory and a database, driven through the CLI in this JVM.
 *
 * @param dir the migrations directory
 * @param tdb the database the CLI runs against
 */
record CliProject(Path dir, TestDatabase tdb) {

  /** A project of three revisions in a line: aa01, bb02, cc03, creating tables t1 to t3. */
  static CliProject threeRevisions(Path dir, TestDatabase tdb) throws IOException {
    CliProject cli = new CliProject(dir, tdb);
    cli.revision("1.sql", "aa01", "", "CREATE TABLE t1 (id INTEGER);", "DROP TABLE t1;");
    cli.revision("2.sql", "bb02", "aa01", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
    cli.revision("3.sql", "cc03", "bb02", "CREATE TABLE t3 (id INTEGER);", "DROP TABLE t3;");
    return cli;
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
    CommandLine cli = Main.commandLine(Map.of());
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
    List<String> command =
        java(System.getProperty("java.class.path") + File.pathSeparator + classPathRoot);
    command.add("--url=" + tdb.url());
    command.add("--locations=filesystem:" + dir);
    command.addAll(List.of(args));
    return execute(command, null, work);
  }

  /**
   * Runs {@code plinth-migrate args...} in a JVM of its own, as an operator runs it, with only
   * {@code environment} as its {@code PLINTH_*} variables: no {@code --url} or {@code --locations}
   * is added.
   */
  static Result runInJvm(Map<String, String> environment, Path work, String... args)
      throws IOException, InterruptedException {
    List<String> command = java(System.getProperty("java.class.path"));
    command.addAll(List.of(args));
    return execute(command, null, work, environment);
  }

  /** {@code java ... Main} with a small heap and C1 only, as a launcher starts it. */
  private static List<String> java(String classPath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(classPath);
    command.add(Main.class.getName());
    return command;
  }

  /**
   * Runs {@code command} to its end, its stdin read from {@code input} (null: none), its output
   * kept in files under {@code work}.
   */
  static Result execute(List<String> command, Path input, Path work)
      throws IOException, InterruptedException {
    return execute(command, input, work, Map.of());
  }

  private static Result execute(
      List<String> command, Path input, Path work, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PLINTH_"));
    builder.environment().putAll(environment);
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
  record Result(int exitCode, String out, String err) {
    /** Stdout parsed as JSON, to compare with {@link #json(String)}. */
    JsonNode json() {
      return json(out);
    }

    /** {@code text} parsed as JSON. */
    static JsonNode json(String text) {
      try {
        return new ObjectMapper().readTree(text);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }
  }
}
