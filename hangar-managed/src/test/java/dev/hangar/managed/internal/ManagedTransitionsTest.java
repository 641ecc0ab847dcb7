package dev.hangar.managed.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hangar.managed.ManagedState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManagedTransitionsTest {
  private static final Map<ManagedState, Set<ManagedState>> EXPECTED = Map.of(
      ManagedState.DISABLED, EnumSet.of(ManagedState.STARTING),
      ManagedState.STARTING,
          EnumSet.of(ManagedState.ENABLED, ManagedState.DISABLED, ManagedState.FAILED),
      ManagedState.ENABLED,
          EnumSet.of(ManagedState.RESTARTING, ManagedState.DISABLED, ManagedState.FAILED),
      ManagedState.RESTARTING,
          EnumSet.of(ManagedState.ENABLED, ManagedState.FAILED, ManagedState.DISABLED),
      ManagedState.FAILED, EnumSet.of(ManagedState.STARTING, ManagedState.DISABLED));

  @Test
  void everyEdgeIsAllowedExactlyWhenTheTableSaysSo() {
    for (ManagedState from : ManagedState.values()) {
      for (ManagedState to : ManagedState.values()) {
        boolean want = EXPECTED.get(from).contains(to);
        assertThat(ManagedTransitions.allowed(from, to)).as("%s -> %s", from, to)
            .isEqualTo(want);
        if (!want) {
          assertThatThrownBy(() -> ManagedTransitions.check(from, to))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining(from + " -> " + to);
        } else {
          ManagedTransitions.check(from, to);
        }
      }
    }
  }

  @Test
  void aPluginIsNeverReportedEnabledBeforeItServes() {
    assertThat(ManagedTransitions.enabled(ManagedState.STARTING)).isFalse();
    assertThat(ManagedTransitions.enabled(ManagedState.DISABLED)).isFalse();
    assertThat(ManagedTransitions.enabled(ManagedState.FAILED)).isFalse();
    assertThat(ManagedTransitions.enabled(ManagedState.ENABLED)).isTrue();
    assertThat(ManagedTransitions.enabled(ManagedState.RESTARTING)).isTrue();
  }
}
