package dev.hangar.daemon.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
  private static final EventMessage ENABLE = new EventMessage("enable", "abcdef0123",
      Map.of("name", "vieux/sshfs:latest", "kind", "managed"), 1);

  private static boolean includes(String filtersJson) {
    return new EventFilter(Filters.parse(filtersJson)).includes(ENABLE);
  }

  @Test
  void noFiltersIncludeEverything() {
    assertThat(includes("")).isTrue();
  }

  @Test
  void typeAndEventAreExact() {
    assertThat(includes("{\"type\":{\"plugin\":true}}")).isTrue();
    assertThat(includes("{\"type\":[\"container\"]}")).isFalse();
    assertThat(includes("{\"type\":[\"plugin\",\"container\"]}")).isTrue();
    assertThat(includes("{\"event\":[\"enable\"]}")).isTrue();
    assertThat(includes("{\"event\":[\"enab\"]}")).isFalse();
    assertThat(includes("{\"event\":[\"disable\",\"enable\"]}")).isTrue();
  }

  @Test
  void pluginMatchesAnIdOrNamePrefix() {
    assertThat(includes("{\"plugin\":[\"abc\"]}")).isTrue();
    assertThat(includes("{\"plugin\":[\"vieux/\"]}")).isTrue();
    assertThat(includes("{\"plugin\":[\"other\"]}")).isFalse();
  }

  @Test
  void otherTypesNameFiltersExcludePluginEventsAsDockerdDoes() {
    assertThat(includes("{\"container\":[\"web\"]}")).isFalse();
    assertThat(includes("{\"volume\":[\"vieux\"]}")).as("matches the name attribute").isTrue();
    assertThat(includes("{\"image\":[\"abcdef0123\"]}")).isTrue();
    assertThat(includes("{\"image\":[\"abc\"]}")).isFalse();
  }

  @Test
  void scopeAndLabelsAreHonoured() {
    assertThat(includes("{\"scope\":[\"local\"]}")).isTrue();
    assertThat(includes("{\"scope\":[\"swarm\"]}")).isFalse();
    assertThat(includes("{\"label\":[\"kind=managed\"]}")).isTrue();
    assertThat(includes("{\"label\":[\"kind=legacy\"]}")).isFalse();
    assertThat(includes("{\"unknown\":[\"x\"]}")).isTrue();
  }
}
