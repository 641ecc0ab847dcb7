package dev.hangar;

import static dev.hangar.PluginState.ACTIVATING;
import static dev.hangar.PluginState.ACTIVE;
import static dev.hangar.PluginState.CLOSED;
import static dev.hangar.PluginState.DISCOVERED;
import static dev.hangar.PluginState.FAILED;
import static dev.hangar.PluginState.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.internal.lifecycle.Transitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PluginStateTest {
  record Edge(PluginState from, PluginState to) {}

  private static final Set<Edge> ALLOWED = Set.of(
      new Edge(DISCOVERED, ACTIVATING), new Edge(DISCOVERED, CLOSED),
      new Edge(ACTIVATING, ACTIVE), new Edge(ACTIVATING, FAILED), new Edge(ACTIVATING, CLOSED),
      new Edge(ACTIVE, STALE), new Edge(ACTIVE, CLOSED),
      new Edge(STALE, ACTIVATING), new Edge(STALE, CLOSED),
      new Edge(FAILED, CLOSED));

  static Stream<Arguments> allowed() {
    return ALLOWED.stream().map(e -> Arguments.of(e.from(), e.to()));
  }

  static Stream<Arguments> forbidden() {
    List<Arguments> out = new ArrayList<>();
    for (PluginState from : PluginState.values()) {
      for (PluginState to : PluginState.values()) {
        if (!ALLOWED.contains(new Edge(from, to))) {
          out.add(Arguments.of(from, to));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("allowed")
  void allowedEdges(PluginState from, PluginState to) {
    assertThat(from.canMoveTo(to)).isTrue();
    assertThat(Transitions.check("p", from, to)).isEqualTo(to);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("forbidden")
  void forbiddenEdges(PluginState from, PluginState to) {
    assertThat(from.canMoveTo(to)).isFalse();
    assertThatThrownBy(() -> Transitions.check("p", from, to))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("plugin p: illegal state change " + from + " -> " + to);
  }

  @Test
  void everyEdgeIsCovered() {
    assertThat(allowed().count() + forbidden().count()).isEqualTo(36);
  }

  @Test
  void labelsAreLowerCase() {
    assertThat(ACTIVE.label()).isEqualTo("active");
    assertThat(FAILED.label()).isEqualTo("failed");
  }
}
