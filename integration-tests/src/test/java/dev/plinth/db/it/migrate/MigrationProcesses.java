package dev.plinth.db.it.migrate;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link MigrateMain} in separate JVMs on the test's classpath. */
public final class MigrationProcesses {
  private MigrationProcesses() {}

  /**
   * Starts migrator {@code n} on {@code url}, logging to {@code migrator-N.log} in {@code logDir};
   * {@code extra} are {@link MigrateMain}'s mode arguments.
   */
  public static Process start(Path logDir, int n, String url, long startAt, String... extra)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MigrateMain.class.getName());
    command.add(url);
    command.add(Long.toString(startAt));
    command.addAll(List.of(extra));
    File log = logDir.resolve("migrator-" + n + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }
}
