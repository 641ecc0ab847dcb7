package dev.hangar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiVersionTest {
  @Test
  void parsesMajorDotMinor() {
    assertThat(ApiVersion.parse(" 1.2 ")).isEqualTo(new ApiVersion(1, 2));
    assertThat(ApiVersion.parse("1.2").toString()).isEqualTo("1.2");
  }

  @Test
  void refusesAnythingElseQuotingIt() {
    for (String bad : new String[] {"", "1", "1.", ".1", "1.2.3", "a.b", "-1.0", "1.-2"}) {
      assertThatThrownBy(() -> ApiVersion.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void acceptsTheSameMajorWithAMinorNotNewer() {
    ApiVersion host = new ApiVersion(1, 3);
    assertThat(host.accepts(new ApiVersion(1, 0))).isTrue();
    assertThat(host.accepts(new ApiVersion(1, 3))).isTrue();
    assertThat(host.accepts(new ApiVersion(1, 4))).isFalse();
    assertThat(host.accepts(new ApiVersion(2, 0))).isFalse();
    assertThat(host.accepts(new ApiVersion(0, 9))).isFalse();
  }

  @Test
  void ordersByMajorThenMinor() {
    assertThat(new ApiVersion(1, 10)).isGreaterThan(new ApiVersion(1, 9));
    assertThat(new ApiVersion(2, 0)).isGreaterThan(new ApiVersion(1, 99));
  }
}
