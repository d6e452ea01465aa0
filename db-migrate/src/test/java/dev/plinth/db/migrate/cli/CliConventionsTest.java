package dev.plinth.db.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What both command lines promise an operator, checked on plinth-migrate's offline commands: the
 * build's version, {@code -q}, {@code help}, completion, and every option from the command line,
 * then the environment, then the {@code --config} file.
 */
class CliConventionsTest {
  @TempDir Path dir;
  private Path migrations;

  @BeforeEach
  void writeRevisions() throws IOException {
    migrations = Files.createDirectories(dir.resolve("migrations"));
    write("a1.sql", "a1000000", "", "first");
    write("b2.sql", "b2000000", "a1000000", "second");
  }

  @Test
  void versionIsTheBuildsOwn() {
    CliRun version = CliRun.of("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out().strip())
        .matches("plinth-migrate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?")
        .isEqualTo("plinth-migrate " + System.getProperty("plinth.version", "unset"));
  }

  @Test
  void quietLeavesResultsOnlyAndDefaultAddsNotes() {
    CliRun noisy = CliRun.of(locations(), "revision", "-m", "third");
    assertThat(noisy.err()).contains("follows [b2000000]");
    CliRun quiet = CliRun.of(locations(), "-q", "revision", "-m", "fourth");
    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.out()).endsWith("_fourth.sql" + System.lineSeparator());
    assertThat(quiet.err()).isEmpty();
    CliRun error = CliRun.of(locations(), "-q", "show", "zz");
    assertThat(error.exitCode()).isEqualTo(2);
    assertThat(error.err()).startsWith("error: ").hasLineCount(1);
  }

  @Test
  void showPrintsOneSnakeCaseObject() {
    JsonNode show = CliRun.of(locations(), "show", "b2", "--format", "json").json();
    assertThat(show.get("revision").textValue()).isEqualTo("b2000000");
    assertThat(show.get("down_revisions").get(0).textValue()).isEqualTo("a1000000");
    assertThat(show.get("branch_labels").isArray()).isTrue();
    assertThat(show.get("head").booleanValue()).isTrue();
    assertThat(show.get("message").textValue()).isEqualTo("second");
  }

  @Test
  void optionsComeFromTheCommandLineThenTheEnvironmentThenTheConfigFile() throws IOException {
    Path config = dir.resolve("plinth.properties");
    Files.writeString(
        config,
        "plinth.locations=filesystem:"
            + migrations
            + "\nplinth.format=json\n"
            + "plinth.history.rev_range=b2:heads\n");
    String fromFile = "--config=" + config;

    CliRun file = CliRun.of(fromFile, "heads");
    assertThat(file.ids()).containsExactly("b2000000");
    assertThat(CliRun.of(fromFile, "history").ids()).containsExactly("b2000000");

    Map<String, String> env = Map.of("PLINTH_FORMAT", "text", "PLINTH_HISTORY_REV_RANGE", ":a1");
    assertThat(CliRun.of(env, fromFile, "heads").out().strip()).isEqualTo("b2000000 (head)");
    assertThat(CliRun.of(env, fromFile, "history").out()).contains("<base> -> a1000000");

    CliRun given = CliRun.of(env, fromFile, "heads", "--format", "json");
    assertThat(given.ids()).containsExactly("b2000000");

    CliRun named = CliRun.of(Map.of("PLINTH_CONFIG", config.toString()), "bases");
    assertThat(named.ids()).containsExactly("a1000000");
  }

  @Test
  void aMisspeltKeyInTheConfigFileIsBadUsageNamingIt() throws IOException {
    Path config = dir.resolve("typo.properties");
    Files.writeString(config, "plinth.lock_timout=2m\n");
    CliRun typo = CliRun.of(locations(), "--config", config.toString(), "heads");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("typo.properties").contains("'plinth.lock_timout'");
  }

  @Test
  void anUnknownFormatIsBadUsageListingTheFormats() {
    CliRun bad = CliRun.of(locations(), "heads", "--format", "yaml");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--format").contains("text, json, dot, mermaid");
    CliRun env = CliRun.of(Map.of("PLINTH_FORMAT", "yaml"), locations(), "heads");
    assertThat(env.exitCode()).isEqualTo(2);
    assertThat(env.err()).contains("yaml");
  }

  @Test
  void helpCommandAndCompletionScript() {
    CliRun help = CliRun.of("help", "upgrade");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: plinth-migrate upgrade").contains("--quiet");
    CliRun completion = CliRun.of("generate-completion");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out())
        .contains("complete -F _complete_plinth-migrate")
        .contains("--connect-retry-interval")
        .contains("mermaid")
        .contains("postgresql");
  }

  @Test
  void aManPagePerCommandWithItsEnvironmentAndExitCodes() throws IOException {
    Path man = dir.resolve("man");
    CliRun generate = CliRun.of("generate-man-pages", man.toString());
    assertThat(generate.exitCode()).isZero();
    try (var pages = Files.list(man)) {
      assertThat(pages.map(p -> p.getFileName().toString()))
          .contains("plinth-migrate.1", "plinth-migrate-upgrade.1", "plinth-migrate-adopt.1")
          .noneMatch(name -> name.contains("help") || name.contains("generate"))
          .hasSize(1 + Main.commandLine(Map.of()).getSubcommands().size() - 3);
    }
    String upgrade = Files.readString(man.resolve("plinth-migrate-upgrade.1"));
    assertThat(upgrade)
        .startsWith(".TH \"PLINTH\\-MIGRATE\\-UPGRADE\" \"1\"")
        .contains(".SH SYNOPSIS", ".SH OPTIONS", ".SH ENVIRONMENT", ".SH EXIT STATUS")
        .contains("\\fB\\-\\-lock\\-timeout\\fR \\fIDURATION\\fR")
        .contains(
            "Environment: PLINTH_LOCK_TIMEOUT; in the \\-\\-config file: plinth.lock_timeout.")
        .contains("Environment: PLINTH_UPGRADE_SQL; in the \\-\\-config file: plinth.upgrade.sql.")
        .contains("Environment: PLINTH_CONFIG.")
        .contains(".TP\n\\fB3\\fR\nthe migration lock was not acquired in time\n")
        .contains("\\fBplinth\\-migrate\\fR(1)");
    assertThat(Files.readString(man.resolve("plinth-migrate.1")))
        .contains(".SH COMMANDS", "See \\fBplinth\\-migrate\\-upgrade\\fR(1).");
  }

  private String locations() {
    return "--locations=filesystem:" + migrations;
  }

  private void write(String file, String id, String down, String message) throws IOException {
    Files.writeString(
        migrations.resolve(file),
        "-- revision: "
            + id
            + "\n-- down_revision: "
            + down
            + "\n-- message: "
            + message
            + "\n\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 1;\n");
  }
}
