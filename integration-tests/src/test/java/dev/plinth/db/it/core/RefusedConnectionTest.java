package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.error.DbAccessDeniedException;
import dev.plinth.db.core.error.EngineStartException;
import dev.plinth.db.core.error.NoSuchDatabaseException;
import dev.plinth.db.testing.AllBackends;
import dev.plinth.db.testing.Backend;
import dev.plinth.db.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What no retry can fix fails at once, with the server's own reason and the sanitised URL: refused
 * credentials, an unknown database, a URL the driver cannot read. Each case is configured to retry
 * for far longer than its {@link Timeout}, so a retry fails the test.
 */
@Timeout(60)
class RefusedConnectionTest {
  private static final String SECRET = "pre;S3cretXYZ";

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void unknownUserFailsTheFirstStartUpAttemptWithTheServersReason(TestDatabase tdb) {
    String url = serverPart(tdb) + "?user=plinth_nobody_" + suffix() + "&password=" + SECRET;
    assertThatThrownBy(() -> Database.builder().config(patient(url).build()).build())
        .isInstanceOf(EngineStartException.class)
        .hasCauseInstanceOf(DbAccessDeniedException.class)
        .hasMessageContaining("plinth_nobody_")
        .hasMessageContaining("password=****")
        .hasMessageNotContaining("S3cretXYZ")
        .hasMessageNotContaining("attempt");
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void unknownUserInATransactionIsNotRetried(TestDatabase tdb) {
    String url = serverPart(tdb) + "?user=plinth_nobody_" + suffix() + "&password=" + SECRET;
    try (Database db =
        Database.builder()
            .config(
                patient(url)
                    .maxRetries(0)
                    .dbMaxRetries(20)
                    .dbRetryInterval(Duration.ofSeconds(10))
                    .poolTimeout(Duration.ofSeconds(2))
                    .build())
            .build()) {
      assertThatThrownBy(() -> db.writer().call(tx -> tx.count("SELECT 1")))
          .isInstanceOf(DbAccessDeniedException.class)
          .hasMessageContaining("plinth_nobody_")
          .hasMessageNotContaining("S3cretXYZ");
    }
  }

  @AllBackends({Backend.POSTGRESQL, Backend.MYSQL})
  void unknownDatabaseFailsTheFirstStartUpAttempt(TestDatabase tdb) {
    String url = tdb.url().replace(tdb.name(), "plinth_missing_" + suffix());
    assertThatThrownBy(() -> Database.builder().config(patient(url).build()).build())
        .isInstanceOf(EngineStartException.class)
        .hasCauseInstanceOf(NoSuchDatabaseException.class)
        .hasMessageContaining("plinth_missing_");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://127.0.0.1:notaport/app?password=pre;S3cretXYZ | port 'notaport'",
        "jdbc:postgresql://127.0.0.1:99999/app | port '99999'",
        "jdbc:mariadb://127.0.0.1:99999/app?password=pre;S3cretXYZ | port '99999'",
        "jdbc:mariadb://127.0.0.1:0/app | port '0'",
        "jdbc:mariadb: | jdbc:mariadb://host[:port]/database",
        "jdbc:mysql:app | jdbc:mysql://host[:port]/database",
        "jdbc:mariadb://127.0.0.1:3306,/app | host in the URL is empty",
        "jdbc:postgresql://svc:pre;S3cretXYZ@127.0.0.1/app | user:password@host",
        "jdbc:mariadb://svc:pre;S3cretXYZ@127.0.0.1/app | user:password@host",
        "jdbc:sqlite:plinth-never-created.db?journal_mode=OFF&foo=bar | parameter 'foo'",
        "jdbc:sqlite:plinth-never-created.db?mode=ro | parameter 'mode'",
      })
  void malformedUrlIsRefusedBeforeAnyDriverSeesIt(String url, String named) {
    assertThatThrownBy(() -> Database.builder().config(patient(url).build()).build())
        .isInstanceOf(EngineStartException.class)
        .hasMessageContaining(named)
        .hasMessageNotContaining("S3cretXYZ");
  }

  @Test
  void unknownSqliteParameterInConnectionParametersOpensNoFile(@TempDir Path dir) {
    Path file = dir.resolve("s.db");
    DatabaseConfig config =
        patient("jdbc:sqlite:" + file)
            .set("connection_parameters", "journal_mode=OFF&foo=bar")
            .build();
    assertThatThrownBy(() -> Database.builder().config(config).build())
        .isInstanceOf(EngineStartException.class)
        .hasMessageContaining("unknown SQLite connection parameter 'foo'");
    assertThat(dir).isEmptyDirectory();
    DatabaseConfig uri =
        patient("jdbc:sqlite:file:" + file + "?mode=rwc")
            .set("connection_parameters", "cache=shared")
            .build();
    Database.builder().config(uri).build().close();
    assertThat(file).exists();
  }

  /** A configuration that would keep retrying the start-up for hours. */
  private static DatabaseConfig.Builder patient(String url) {
    return DatabaseConfig.builder()
        .connection(url)
        .maxRetries(-1)
        .retryInterval(Duration.ofMinutes(10))
        .poolTimeout(Duration.ofSeconds(2));
  }

  private static String serverPart(TestDatabase tdb) {
    int query = tdb.url().indexOf('?');
    return query < 0 ? tdb.url() : tdb.url().substring(0, query);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
