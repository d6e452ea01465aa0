package dev.plinth.db.it.core.classpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.it.migrate.SqlRevisionFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is optional: a service without it on its class path builds a {@code Database},
 * migrates and archives, and never loads a Micrometer class. Runs {@link NoMicrometerMain} in a JVM
 * whose class path is this test's without the Micrometer jars.
 */
class NoMicrometerClassPathTest {

  @Test
  void serviceWithoutMicrometerMigratesArchivesAndLoadsNoMicrometerClass(@TempDir Path dir)
      throws Exception {
    Path migrations = Files.createDirectory(dir.resolve("migrations"));
    SqlRevisionFiles.write(
        migrations,
        "notes.sql",
        "a1",
        "",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0);",
        "DROP TABLE notes;");

    String output =
        ChildJvm.run(
            dir,
            List.of("micrometer-"),
            List.of("-verbose:class"),
            NoMicrometerMain.class,
            "jdbc:sqlite:" + dir.resolve("app.db"),
            migrations.toString());

    assertThat(output).contains("archived: 1 of 1");
    List<String> loaded = ChildJvm.loadedClasses(output);
    assertThat(loaded)
        .as("Plinth's own classes ran")
        .contains("dev.plinth.db.core.Database", "dev.plinth.db.core.DatabaseMetrics");
    assertThat(loaded)
        .as("Micrometer classes loaded without Micrometer")
        .noneMatch(c -> c.startsWith("io.micrometer."))
        .noneMatch(c -> c.startsWith("dev.plinth.db.core.metrics."))
        .noneMatch(c -> c.startsWith("com.zaxxer.hikari.metrics.micrometer."));
  }
}
