package dev.hangar.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecSettingsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    ExecSettings d = ExecSettings.DEFAULTS;
    assertThat(d.outputCap()).isEqualTo(8L * 1024 * 1024);
    assertThat(d.concurrency()).isEqualTo(Runtime.getRuntime().availableProcessors() * 4);
    assertThat(d.termGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.processGroups()).isFalse();
    assertThat(new ExecSettings(1, 1, Duration.ZERO).processGroups()).isFalse();
  }

  @Test
  void withersChangeOneField() {
    ExecSettings s = ExecSettings.DEFAULTS.withOutputCap(10).withConcurrency(3)
        .withTermGrace(Duration.ofMillis(5)).withProcessGroups(true);
    assertThat(s).isEqualTo(new ExecSettings(10, 3, Duration.ofMillis(5), true));
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> ExecSettings.DEFAULTS.withOutputCap(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output cap");
    assertThatThrownBy(() -> ExecSettings.DEFAULTS.withConcurrency(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency");
    assertThatThrownBy(() -> ExecSettings.DEFAULTS.withTermGrace(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    assertThatThrownBy(() -> ExecSettings.DEFAULTS.withTermGrace(null))
        .isInstanceOf(NullPointerException.class);
  }
}
