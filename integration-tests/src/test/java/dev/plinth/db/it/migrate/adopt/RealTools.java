package dev.plinth.db.it.migrate.adopt;

import static org.assertj.core.api.Assertions.fail;

import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real Alembic, sqlalchemy-migrate (Debian's packages, through {@code /usr/bin/python3})
 * and Flyway (in process) against a test database, with the scripts in {@code adopt/}. A missing
 * Python package skips the test on a developer machine and fails it under CI ({@code CI=true}),
 * naming the apt package to install.
 */
final class RealTools {
  private static final String PYTHON = "/usr/bin/python3";

  private RealTools() {}

  /** Runs {@code adopt/alembic_create.py}: Alembic upgrades the database to its head. */
  static void alembic(TestDatabase tdb) {
    python(tdb, "alembic_create.py", "alembic", "python3-alembic");
  }

  /**
   * Runs {@code adopt/migrate_create.py}: sqlalchemy-migrate puts the database under version
   * control and upgrades it to version 1 of {@code adopt/migrate_repo}.
   */
  static void sqlalchemyMigrate(TestDatabase tdb) {
    python(tdb, "migrate_create.py", "migrate", "python3-migrate");
  }

  /** Flyway migrates the database with {@code adopt/flyway} (V1, V1.1). */
  static void flyway(TestDatabase tdb) {
    Flyway.configure()
        .dataSource(tdb.url(), null, null)
        .locations("classpath:adopt/flyway")
        .load()
        .migrate();
  }

  /** A file under {@code adopt/} in the test resources. */
  static Path resource(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(RealTools.class.getResource("/adopt/" + name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void python(TestDatabase tdb, String script, String module, String aptPackage) {
    requireModule(module, aptPackage);
    if (tdb.backend() == Backend.POSTGRESQL) {
      requireModule("psycopg2", "python3-psycopg2");
    } else if (tdb.backend() == Backend.MYSQL) {
      requireModule("pymysql", "python3-pymysql");
    }
    Result r = run(PYTHON, resource(script).toString(), tdb.url());
    if (r.exitCode != 0) {
      fail(script + " exited with " + r.exitCode + ":\n" + r.output);
    }
  }

  private static void requireModule(String module, String aptPackage) {
    boolean present =
        Files.isExecutable(Path.of(PYTHON)) && run(PYTHON, "-c", "import " + module).exitCode == 0;
    if (present) {
      return;
    }
    String message =
        "Python module '"
            + module
            + "' is not importable by "
            + PYTHON
            + ": install it with 'apt-get install -y "
            + aptPackage
            + "'";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }

  private static Result run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 120 s");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Result(int exitCode, String output) {}
}
