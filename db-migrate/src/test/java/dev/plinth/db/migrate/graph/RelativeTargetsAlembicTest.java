package dev.plinth.db.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asks the real Alembic 1.8 (Debian's {@code python3-alembic}, run by {@code /usr/bin/python3}) for
 * every relative target form, up and down, from every version-table state an upgrade can reach, on
 * the small graphs of the cross-check corpus and on seeded random graphs, and checks that Plinth
 * plans the same steps or refuses where Alembic raises. The corpus is generated at test time by
 * {@code generate_expected.py --relative}; without Alembic the test is skipped, and fails under CI
 * ({@code CI=true}).
 */
class RelativeTargetsAlembicTest {

  private static final String PYTHON = "/usr/bin/python3";
  private static final Path SCRIPT = Path.of("src/test/alembic/generate_expected.py");

  @TempDir Path corpus;

  @TestFactory
  Stream<DynamicTest> plinthResolvesRelativeTargetsAsAlembicDoes()
      throws IOException, InterruptedException {
    generate();
    List<Path> expected;
    try (Stream<Path> files = Files.list(corpus)) {
      expected = files.sorted().toList();
    }
    assertThat(expected).as("graphs in the relative corpus").hasSizeGreaterThanOrEqualTo(18);
    return expected.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> AlembicCrossCheck.check(AlembicExpectations.read(file))));
  }

  private void generate() throws IOException, InterruptedException {
    requireAlembic();
    ProcessBuilder builder =
        new ProcessBuilder(PYTHON, SCRIPT.toString(), "--relative", corpus.toString())
            .redirectErrorStream(true);
    builder.environment().put("PYTHONHASHSEED", "0");
    builder.environment().put("PYTHONWARNINGS", "ignore");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      fail(SCRIPT + " --relative failed:\n" + output);
    }
  }

  private static void requireAlembic() throws IOException, InterruptedException {
    boolean present =
        Files.isExecutable(Path.of(PYTHON))
            && new ProcessBuilder(PYTHON, "-c", "import alembic")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor()
                == 0;
    if (present) {
      return;
    }
    String message =
        "Alembic is not importable by "
            + PYTHON
            + ": install it with 'apt-get install -y python3-alembic'";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }
}
