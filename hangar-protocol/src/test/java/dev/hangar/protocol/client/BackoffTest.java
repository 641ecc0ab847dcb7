package dev.hangar.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waitsFollowDockersScheduleCappedAtThirtySeconds() {
    List<Long> waits = new ArrayList<>();
    for (int n = 0; n < 8; n++) {
      waits.add(Backoff.wait(n).toSeconds());
    }
    assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
  }

  @Test
  void theDefaultDeadlineGivesAttemptsAtZeroOneThreeSevenAndFifteenSeconds() {
    List<Long> attempts = new ArrayList<>();
    Duration elapsed = Duration.ZERO;
    for (int n = 0; ; n++) {
      attempts.add(elapsed.toSeconds());
      Duration next = Backoff.wait(n);
      if (!Backoff.DEFAULT.retryAfter(elapsed, next)) {
        break;
      }
      elapsed = elapsed.plus(next);
    }
    assertThat(attempts).containsExactly(0L, 1L, 3L, 7L, 15L);
  }

  @Test
  void theTimeFailedAttemptsTakeDoesNotCostTheLastAttempt() {
    Duration afterFourthAttempt = Duration.ofSeconds(7).plusMillis(40);
    assertThat(Backoff.DEFAULT.retryAfter(afterFourthAttempt, Backoff.wait(3))).isTrue();
    assertThat(Backoff.DEFAULT.retryAfter(Duration.ofSeconds(8), Backoff.wait(3))).isFalse();
  }

  @Test
  void zeroMeansASingleAttempt() {
    assertThat(Backoff.NONE.retryAfter(Duration.ZERO, Backoff.wait(0))).isFalse();
  }

  @Test
  void negativeDeadlineIsRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
