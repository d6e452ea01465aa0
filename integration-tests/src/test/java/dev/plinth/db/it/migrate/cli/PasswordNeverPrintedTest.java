package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path of both command lines, succeeding and failing, run in a JVM of its own as an operator
 * runs it, with a password that holds a {@code ;}: nothing on stdout or stderr (log lines, errors,
 * {@code --verbose} stack traces, JSON) shows it. SQLite has no password to leak.
 */
class PasswordNeverPrintedTest {
  private static final String SECRET_PART = "S3cretXYZ";
  private static final String SECRET = "pre;" + SECRET_PART;
  private static final List<String> HOSTS = List.of("%", "localhost");

  @TempDir Path dir;

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void noCommandShowsThePasswordOnServerBackends(TestDatabase tdb, Database admin)
      throws Exception {
    String user = "plinth_pw_" + UUID.randomUUID().toString().substring(0, 8);
    String url = urlWithPassword(tdb, admin, user);
    try {
      runEveryPath(tdb, url);
    } finally {
      if (tdb.backend() == Backend.MYSQL) {
        admin
            .writer()
            .run(tx -> HOSTS.forEach(h -> tx.update("DROP USER '" + user + "'@'" + h + "'")));
      }
    }
  }

  private void runEveryPath(TestDatabase tdb, String url) throws Exception {
    String wrong = url.replace("user=", "user=nobody_").replace(SECRET, "wrong;" + SECRET_PART);
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    new CliProject(migrations, tdb)
        .revision(
            "base.sql",
            "aa01",
            "",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0);",
            "DROP TABLE items;");
    List<CliProject.Result> runs = new ArrayList<>();
    runs.add(expect(0, migrate(url, migrations, "upgrade", "heads")));
    runs.add(expect(0, migrate(url, migrations, "--format", "json", "current")));
    runs.add(expect(0, migrate(url, migrations, "history")));
    runs.add(expect(0, migrate(url, migrations, "validate")));
    new CliProject(migrations, tdb)
        .revision("bad.sql", "bb02", "aa01", "INSERT INTO missing_table VALUES (1);", "");
    runs.add(expect(1, migrate(url, migrations, "--verbose", "upgrade", "heads")));
    runs.add(expect(1, migrate(wrong, migrations, "--verbose", "current")));
    runs.add(
        expect(
            1,
            migrate(
                url.replaceFirst("//[^/]+/", "//127.0.0.1:99999/"),
                migrations,
                "--verbose",
                "current")));
    runs.add(
        expect(
            1,
            migrate(
                url.replaceFirst("//", "//svc:" + SECRET + "@"),
                migrations,
                "--verbose",
                "current")));
    runs.add(expect(0, archive(url, "shadow", "create")));
    runs.add(expect(0, archive(url, "shadow", "check")));
    runs.add(expect(0, archive(url, "--format", "json", "archive", "--until-complete")));
    runs.add(expect(0, archive(url, "purge", "--all")));
    runs.add(expect(1, archive(wrong, "shadow", "check")));
    for (CliProject.Result run : runs) {
      assertThat(run.out() + run.err()).doesNotContain(SECRET_PART);
    }
    assertThat(runs.get(5).err()).containsAnyOf("Access denied", "does not exist");
  }

  /**
   * The test database's URL for a user with {@link #SECRET} as password: on MariaDB a user created
   * for the test; PostgreSQL's local server trusts every login, so the password only rides along.
   */
  private static String urlWithPassword(TestDatabase tdb, Database admin, String user) {
    String server = tdb.url().substring(0, tdb.url().indexOf('?'));
    if (tdb.backend() == Backend.POSTGRESQL) {
      return server + "?user=postgres&password=" + SECRET;
    }
    admin
        .writer()
        .run(
            tx -> {
              for (String host : HOSTS) {
                tx.update(
                    "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + SECRET + "'");
                tx.update("GRANT ALL ON `" + tdb.name() + "`.* TO '" + user + "'@'" + host + "'");
              }
            });
    return server + "?user=" + user + "&password=" + SECRET;
  }

  private CliProject.Result migrate(String url, Path migrations, String... args)
      throws IOException, InterruptedException {
    List<String> command = java(dev.plinth.db.migrate.cli.Main.class);
    command.add("--url=" + url);
    command.add("--locations=filesystem:" + migrations);
    command.addAll(List.of(args));
    return CliProject.execute(command, null, dir);
  }

  private CliProject.Result archive(String url, String... args)
      throws IOException, InterruptedException {
    List<String> command = java(dev.plinth.db.archive.cli.Main.class);
    command.add("--url=" + url);
    command.addAll(List.of(args));
    return CliProject.execute(command, null, dir);
  }

  private static List<String> java(Class<?> main) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path") + File.pathSeparator);
    command.add(main.getName());
    return command;
  }

  private static CliProject.Result expect(int code, CliProject.Result run) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(code);
    return run;
  }
}
