package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallEndpointTest {
  @Test
  void theTimeoutParameterIsSecondsWithDecimalsUpToADay() {
    assertThat(CallEndpoint.timeout("")).isEmpty();
    assertThat(CallEndpoint.timeout("30")).contains(Duration.ofSeconds(30));
    assertThat(CallEndpoint.timeout("0.5")).contains(Duration.ofMillis(500));
    assertThat(CallEndpoint.timeout("0.000000001")).contains(Duration.ofNanos(1));
    assertThat(CallEndpoint.timeout("86400")).isEqualTo(Optional.of(Duration.ofDays(1)));
  }

  @Test
  void aTimeoutThatIsNoPositiveNumberOfSecondsWithinADayIsAUsageError() {
    for (String bad : new String[] {"0", "-1", "1s", "abc", "86400.5", "1e9", "0.0000000001",
        "NaN", " 1"}) {
      assertThatThrownBy(() -> CallEndpoint.timeout(bad)).as(bad)
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
          .hasMessageContaining("query parameter timeout: " + bad);
    }
  }
}
