package dev.plinth.db.it.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Both command lines fail at once, in one line, when the database does not answer (a service waits
 * through oslo.db's ten start-up attempts; an operator's command should not), and wait as told with
 * {@code --connect-retries}. The timeout guards against the ten attempts of 10 s coming back.
 */
@Timeout(60)
class UnreachableDatabaseTest {
  @TempDir Path dir;

  @Test
  void migrateFailsAfterOneAttemptAndRetriesWhenAsked() throws IOException {
    String url = closedPortUrl();
    String locations = "--locations=filesystem:" + dir;
    Run once = migrate(locations, "--url", url, "current");
    assertThat(once.exit()).as(once.err()).isEqualTo(1);
    assertThat(once.err()).contains("after 1 attempt(s)").hasLineCount(1).doesNotContain("\tat ");

    Run patient =
        migrate(
            locations,
            "--config",
            quickRetries().toString(),
            "--url",
            url,
            "--connect-retries",
            "2",
            "current");
    assertThat(patient.exit()).isEqualTo(1);
    assertThat(patient.err()).contains("after 3 attempt(s)");
  }

  @Test
  void archiveFailsAfterOneAttemptAndRetriesWhenAsked() throws IOException {
    String url = closedPortUrl();
    Run once = archive("--url", url, "shadow", "check");
    assertThat(once.exit()).isEqualTo(1);
    assertThat(once.err()).contains("after 1 attempt(s)").doesNotContain("\tat ");

    Run patient =
        archive(
            "shadow",
            "check",
            "--config",
            quickRetries().toString(),
            "--url",
            url,
            "--connect-retries",
            "2");
    assertThat(patient.exit()).isEqualTo(1);
    assertThat(patient.err()).contains("after 3 attempt(s)");
  }

  @Test
  @Timeout(15)
  void oneLineNamesTheCauseAndTheRetryIntervalIsAnOption() throws IOException {
    String url = closedPortUrl();
    Run refused =
        migrate(
            "--locations=filesystem:" + dir,
            "current",
            "--url",
            url,
            "--connect-retries",
            "2",
            "--connect-retry-interval",
            "50ms");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("after 3 attempt(s)").contains("refused").hasLineCount(1);

    Run unknown =
        archive(
            "--url",
            "jdbc:postgresql://no-such-host.invalid/app?user=svc&password=hunter2",
            "shadow",
            "check");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err())
        .startsWith("error: ")
        .contains("unknown host no-such-host.invalid")
        .doesNotContain("hunter2")
        .hasLineCount(1);
  }

  private Path quickRetries() throws IOException {
    Path file = dir.resolve("quick.properties");
    Files.writeString(file, "database.retry_interval=0.05\n");
    return file;
  }

  private static String closedPortUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/app?user=svc";
  }

  private record Run(int exit, String out, String err) {}

  /** Runs {@code plinth-migrate args...} in this JVM. */
  private static Run migrate(String... args) {
    return run(dev.plinth.db.migrate.cli.Main.commandLine(Map.of()), args);
  }

  /** Runs {@code plinth-archive args...} in this JVM. */
  private static Run archive(String... args) {
    return run(dev.plinth.db.archive.cli.Main.commandLine(Map.of()), args);
  }

  private static Run run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
