package dev.plinth.db.it.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.Database;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Kills the archive CLI, running in its own JVM, with SIGKILL at random moments and runs it again,
 * then proves that no row was lost or duplicated and that the last run completes. Public so that
 * the Galera tests run the same scenario on a cluster.
 */
public class ArchiveKillTest {
  private static final int KILLS = 20;

  @AllBackends
  void killedAtRandomMomentsTheArchiveLosesAndDuplicatesNothing(TestDatabase tdb, Database db)
      throws Exception {
    killAtRandomMomentsAndRerun(db, tdb.url(), db, KILLS);
  }

  /**
   * Fills {@code db} with Nova's tables, kills {@code kills} archive runs on {@code url} at random
   * moments, each after its first batch, then runs it to the end; after every kill and at the end,
   * {@code readBack} (the same database, perhaps through another server) must hold every row once.
   */
  public static void killAtRandomMomentsAndRerun(
      Database db, String url, Database readBack, int kills) throws Exception {
    NovaData.createFilled(db, 2500, 11);
    Map<String, Map<Long, String>> before = ArchiveChecks.allRows(db);
    long toArchive = ArchiveChecks.softDeletedLeft(db);
    Random random = new Random(42);
    List<Long> leftAfterKill = new ArrayList<>();

    for (int kill = 1; kill <= kills; kill++) {
      Path log = Files.createTempFile("archive-kill", ".log");
      Process p = start(url, log, "--max-rows", "10", "--sleep", "20");
      awaitFirstBatch(p, log);
      Thread.sleep(random.nextInt(400));
      assertThat(p.isAlive()).as("run %s finished before its kill; see %s", kill, log).isTrue();
      p.destroyForcibly().waitFor();
      leftAfterKill.add(ArchiveChecks.softDeletedLeft(readBack));
      assertThat(ArchiveChecks.allRows(readBack)).as("rows after kill %s", kill).isEqualTo(before);
      Files.delete(log);
    }

    assertThat(leftAfterKill.get(kills - 1))
        .as("the kills landed mid-run: archiving progressed but was not done")
        .isPositive()
        .isLessThan(toArchive);
    assertThat(leftAfterKill.stream().distinct().count())
        .as("most kills interrupted a run that had archived something")
        .isGreaterThan(kills / 2);
    Path log = Files.createTempFile("archive-last", ".log");
    Process last = start(url, log, "--max-rows", "500");
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).as("exit code of the final run; see %s", log).isZero();
    assertThat(ArchiveChecks.allRows(readBack)).isEqualTo(before);
    assertThat(ArchiveChecks.softDeletedLeft(readBack)).isZero();
    ArchiveChecks.assertReferencesHold(readBack);
  }

  /** Waits until the run has committed its first batch (it logs one line per batch). */
  private static void awaitFirstBatch(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.readString(log).contains("archived ")) {
      assertThat(p.isAlive()).as("the run ended before archiving; see %s", log).isTrue();
      assertThat(System.nanoTime()).as("no batch within 30 s; see %s", log).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Process start(String url, Path log, String... options) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.plinth.db.archive.cli.Main",
                "archive",
                "--url",
                url,
                "--until-complete"));
    command.addAll(List.of(options));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }
}
