package dev.plinth.db.it.migrate.cli;

import dev.plinth.db.core.Database;
import dev.plinth.db.migrate.cli.Main;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    Path path = dir.resolve(file);
    Files.writeString(
        path,
        "-- revision: "
            + id
            + "\n"
            + (down.isEmpty() ? "" : "-- down_revision: " + down + "\n")
            + "-- message: revision "
            + id
            + "\n\n-- +upgrade\n"
            + upgrade
            + "\n-- +downgrade\n"
            + downgrade
            + "\n");
    return path;
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
