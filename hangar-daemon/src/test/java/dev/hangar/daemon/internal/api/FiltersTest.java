package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.protocol.ErrorCode;
import dev.hangar.protocol.HangarException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {
  private static final Set<String> PLUGIN_KEYS = Set.of("enabled", "capability");

  @Test
  void theCurrentAndTheLegacyFormMeanTheSame() {
    Filters current = Filters.parse("{\"enabled\":{\"true\":true}}");
    Filters legacy = Filters.parse("{\"enabled\":[\"true\"]}");
    assertThat(current.bool("enabled", false)).isTrue();
    assertThat(legacy.bool("enabled", false)).isTrue();
    assertThat(Filters.parse("{\"enabled\":{\"0\":true}}").bool("enabled", true)).isFalse();
  }

  @Test
  void emptyOrNullMeansNoFilters() {
    assertThat(Filters.parse("").isEmpty()).isTrue();
    assertThat(Filters.parse(null).isEmpty()).isTrue();
    assertThat(Filters.parse("null").isEmpty()).isTrue();
    assertThat(Filters.parse("{}").bool("enabled", true)).isTrue();
  }

  @Test
  void neitherFormIsInvalidFilter() {
    for (String bad : new String[] {"[]", "\"x\"", "{", "{\"a\":{\"b\":\"yes\"}}",
        "{\"a\":{\"b\":true},\"c\":[\"d\"]}", "{\"a\":[1]}", "  ", "{} x"}) {
      assertThatThrownBy(() -> Filters.parse(bad)).as(bad)
          .isInstanceOfSatisfying(HangarException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
          .hasMessage("invalid filter");
    }
  }

  @Test
  void anUnknownKeyIsNamed() {
    Filters f = Filters.parse("{\"enable\":{\"true\":true}}");
    assertThatThrownBy(() -> f.validate(PLUGIN_KEYS)).hasMessage("invalid filter 'enable'");
    Filters.parse("{\"enabled\":[\"true\"],\"capability\":[\"x\"]}").validate(PLUGIN_KEYS);
  }

  @Test
  void aBadEnabledValueIsDockersMessage() {
    assertThatThrownBy(() -> Filters.parse("{\"enabled\":[\"yes\"]}").bool("enabled", false))
        .hasMessage("invalid filter 'enabled=[yes]'");
    assertThatThrownBy(() -> Filters.parse("{\"enabled\":[\"true\",\"0\"]}")
        .bool("enabled", false)).hasMessage("invalid filter 'enabled=[0 true]'");
    assertThatThrownBy(() -> Filters.parse("{\"enabled\":[]}").bool("enabled", false))
        .hasMessage("invalid filter 'enabled'");
    assertThatThrownBy(() -> Filters.parse("{\"enabled\":null}").bool("enabled", false))
        .hasMessage("invalid filter 'enabled'");
    // A value mapped to false is listed but does not count.
    assertThatThrownBy(() -> Filters.parse("{\"enabled\":{\"true\":false}}")
        .bool("enabled", false)).hasMessage("invalid filter 'enabled=[true]'");
  }

  @Test
  void matchIsExactOrARegexpFoundAnywhere() {
    Filters f = Filters.parse("{\"capability\":{\"volume\":true}}");
    assertThat(f.match("capability", "volumedriver")).isTrue();
    assertThat(f.match("capability", "networkdriver")).isFalse();
    assertThat(Filters.parse("{\"capability\":[\"^authz$\"]}").match("capability", "authz"))
        .isTrue();
    assertThat(Filters.parse("{\"capability\":[\"(\"]}").match("capability", "("))
        .as("exact match first, then the bad regexp is skipped").isTrue();
    assertThat(Filters.parse("{\"capability\":[\"(\"]}").match("capability", "x")).isFalse();
    assertThat(f.match("other", "anything")).as("absent key matches").isTrue();
  }

  @Test
  void aRegexpThatWouldBacktrackForHoursIsRefused() {
    // Billions of ways to split "volumedriver" before failing on x (50 million reads take Java
    // 4 s here, and the rest would take hours); Go's RE2 is linear.
    Filters f = Filters.parse("{\"capability\":[\"(.?.?.?.?){12}x\"]}");
    assertThatThrownBy(() -> f.match("capability", "volumedriver"))
        .isInstanceOf(HangarException.class)
        .hasMessage("invalid filter 'capability=(.?.?.?.?){12}x': regular expression too "
            + "costly to match");
    assertThat(Filters.parse("{\"capability\":[\"(v|o|l|u|m|e|d|r|i)*\\\\b\"]}")
        .match("capability", "volumedriver")).isTrue();
  }

  @Test
  void fuzzyMatchTakesPrefixesAndKeyValuesNeedEveryPair() {
    Filters f = Filters.parse("{\"plugin\":[\"vieux\"],\"label\":[\"a=1\",\"b\"]}");
    assertThat(f.fuzzyMatch("plugin", "vieux/sshfs:latest")).isTrue();
    assertThat(f.fuzzyMatch("plugin", "other")).isFalse();
    assertThat(f.matchKeyValues("label", Map.of("a", "1", "b", "x"))).isTrue();
    assertThat(f.matchKeyValues("label", Map.of("a", "2", "b", "x"))).isFalse();
    assertThat(f.matchKeyValues("label", Map.of("a", "1"))).isFalse();
    assertThat(f.matchKeyValues("none", Map.of())).isTrue();
  }
}
