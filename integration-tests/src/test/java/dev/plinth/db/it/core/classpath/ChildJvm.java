package dev.plinth.db.it.core.classpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a main class in a JVM of its own, on this test's class path without some jars: how the
 * class-path tests show what a service that lacks an optional dependency loads.
 */
final class ChildJvm {
  private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source:");

  private ChildJvm() {}

  /**
   * Runs {@code main} with {@code jvmOptions} and {@code args} on this test's class path without
   * the jars whose file names start with one of {@code dropped} (each must match one at least),
   * checks that it exits with status 0, and returns what it printed.
   */
  static String run(
      Path dir, List<String> dropped, List<String> jvmOptions, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPathWithout(dropped));
    command.add(main.getName());
    command.addAll(List.of(args));
    Path log = dir.resolve("child.log");
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child JVM ended").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    String printed =
        output.lines().filter(l -> !LOADED.matcher(l).find()).collect(Collectors.joining("\n"));
    assertThat(child.exitValue()).as("exit status; output:%n%s", printed).isZero();
    return output;
  }

  /** The classes a child run with {@code -verbose:class} reported loading. */
  static List<String> loadedClasses(String output) {
    Matcher m = LOADED.matcher(output);
    List<String> classes = new ArrayList<>();
    while (m.find()) {
      classes.add(m.group(1));
    }
    return classes;
  }

  private static String classPathWithout(List<String> dropped) {
    List<String> all = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    for (String prefix : dropped) {
      assertThat(all)
          .as("a jar named %s* on the test class path", prefix)
          .anyMatch(e -> fileName(e).startsWith(prefix));
    }
    return all.stream()
        .filter(e -> dropped.stream().noneMatch(fileName(e)::startsWith))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String fileName(String entry) {
    return Path.of(entry).getFileName().toString();
  }
}
