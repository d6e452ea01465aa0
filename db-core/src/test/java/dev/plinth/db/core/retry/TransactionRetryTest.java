package dev.plinth.db.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.db.core.DatabaseConfig;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TransactionRetryTest {
  private final RetrySchedule schedule =
      RetrySchedule.forTransactions(
          DatabaseConfig.builder().connection("jdbc:sqlite::memory:").build());

  @Test
  void transactionsFollowOsloDbsScheduleOfOneSecondDoublingCappedAtTen() {
    assertThat(IntStream.of(1, 2, 3, 4, 5, 6, 20, 80).mapToObj(n -> schedule.pause(n).toSeconds()))
        .containsExactly(1L, 2L, 4L, 8L, 10L, 10L, 10L, 10L);
    assertThat(schedule.maxRetries()).isEqualTo(20);
  }

  @RepeatedTest(20)
  void deadlockPausesAreJitteredBelowTheSchedule() {
    assertThat(schedule.belowPause(3)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
  }

  @Test
  void withoutIncreaseEveryPauseIsTheInterval() {
    RetrySchedule flat =
        RetrySchedule.forTransactions(
            DatabaseConfig.builder()
                .connection("jdbc:sqlite::memory:")
                .dbIncRetryInterval(false)
                .dbRetryInterval(Duration.ofMillis(300))
                .build());
    assertThat(flat.pause(5)).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void startUpIsMaxRetriesAttemptsInAllAtAFixedInterval() {
    DatabaseConfig.Builder b =
        DatabaseConfig.builder()
            .connection("jdbc:sqlite::memory:")
            .retryInterval(Duration.ofMillis(200));
    RetrySchedule three = RetrySchedule.forStartUp(b.maxRetries(3).build());
    assertThat(three.maxRetries()).isEqualTo(2);
    assertThat(three.pause(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(RetrySchedule.forStartUp(b.maxRetries(-1).build()).maxRetries()).isEqualTo(-1);
  }
}
