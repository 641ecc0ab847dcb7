package dev.hangar.managed.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisorBackoffTest {
  @Test
  void backoffStartsAt100msAndDoublesUpTo30s() {
    assertThat(Supervisor.backoff(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(Supervisor.backoff(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(Supervisor.backoff(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(Supervisor.backoff(8)).isEqualTo(Duration.ofMillis(25_600));
    assertThat(Supervisor.backoff(9)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Supervisor.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
  }
}
