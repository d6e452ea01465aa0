package dev.plinth.db.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.db.core.Database;
import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.error.EngineStartException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartupTest {

  @Test
  void unreachableServerFailsAfterTheConfiguredAttemptsNamingTheSanitisedUrl() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/app?user=svc&password=s3cret";
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                Database.builder()
                    .config(
                        DatabaseConfig.builder()
                            .connection(url)
                            .maxRetries(3)
                            .retryInterval(Duration.ofMillis(200))
                            .poolTimeout(Duration.ofSeconds(1))
                            .build())
                    .build())
        .isInstanceOf(EngineStartException.class)
        .hasMessageContaining("127.0.0.1:" + port)
        .hasMessageContaining("password=****")
        .hasMessageContaining("after 3 attempt(s)")
        .hasMessageNotContaining("s3cret");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void missingSqliteDirectoryIsNotRetried() {
    assertThatThrownBy(
            () ->
                Database.builder()
                    .config(
                        DatabaseConfig.builder()
                            .connection("jdbc:sqlite:/nonexistent/dir/app.db")
                            .maxRetries(-1)
                            .build())
                    .build())
        .isInstanceOf(EngineStartException.class)
        .hasMessageContaining("/nonexistent/dir/app.db");
  }
}
