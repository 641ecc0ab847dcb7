package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionedPathTest {

  @Test
  void aDigitsAndDotsPrefixIsSplitOff() {
    assertThat(VersionedPath.of("/v1.41/plugins"))
        .isEqualTo(new VersionedPath(Optional.of("1.41"), "/plugins"));
    assertThat(VersionedPath.of("/v1/_ping"))
        .isEqualTo(new VersionedPath(Optional.of("1"), "/_ping"));
    assertThat(VersionedPath.of("/v1.50/plugins/a/b:c/json").path())
        .isEqualTo("/plugins/a/b:c/json");
  }

  @Test
  void otherPathsKeepTheirFirstSegment() {
    assertThat(VersionedPath.of("/version"))
        .isEqualTo(new VersionedPath(Optional.empty(), "/version"));
    assertThat(VersionedPath.of("/v/plugins").version()).isEmpty();
    assertThat(VersionedPath.of("/v1.41").version()).isEmpty();
    assertThat(VersionedPath.of("/v1x/plugins").version()).isEmpty();
    assertThat(VersionedPath.of("/v١/plugins").version()).isEmpty();
  }

  @Test
  void versionsCompareNumericallyPartByPart() {
    assertThat(ApiVersions.compare("1.41", "1.41")).isZero();
    assertThat(ApiVersions.lessThan("1.9", "1.41")).isTrue();
    assertThat(ApiVersions.lessThan("1.41", "1.5")).isFalse();
    assertThat(ApiVersions.compare("1.41.0", "1.41")).isZero();
    assertThat(ApiVersions.lessThan("1.23", ApiVersions.MIN)).isTrue();
    assertThat(ApiVersions.compare("2", "1.99")).isPositive();
  }
}
