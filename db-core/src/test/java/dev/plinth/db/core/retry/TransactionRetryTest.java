package dev.plinth.db.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.DatabaseConfig;
import dev.plinth.db.core.error.DbConnectionException;
import dev.plinth.db.core.error.DeadlockException;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TransactionRetryTest {
  private final TransactionRetry retry =
      new TransactionRetry(
          DatabaseConfig.builder().connection("jdbc:sqlite::memory:").build(), e -> false);

  @Test
  void connectionLossFollowsOsloDbsScheduleOfOneSecondDoublingCappedAtTen() {
    DbConnectionException lost = new DbConnectionException("lost", null);
    assertThat(
            java.util.stream.IntStream.of(1, 2, 3, 4, 5, 6, 20)
                .mapToObj(n -> retry.delay(n, lost).toSeconds()))
        .containsExactly(1L, 2L, 4L, 8L, 10L, 10L, 10L);
  }

  @RepeatedTest(20)
  void deadlockPausesAreJitteredBelowTheSchedule() {
    Duration d = retry.delay(3, new DeadlockException("deadlock", null));
    assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(4));
  }

  @Test
  void withoutIncreaseEveryPauseIsTheInterval() {
    TransactionRetry flat =
        new TransactionRetry(
            DatabaseConfig.builder()
                .connection("jdbc:sqlite::memory:")
                .dbIncRetryInterval(false)
                .dbRetryInterval(Duration.ofMillis(300))
                .build(),
            e -> false);
    assertThat(flat.delay(5, new DbConnectionException("x", null)))
        .isEqualTo(Duration.ofMillis(300));
  }
}
