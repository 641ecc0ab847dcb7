package dev.hangar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void aLineShowsPercentBytesRateAndEta() {
    String line = ProgressBar.line(512L << 20, 1L << 30, 0, 2_000_000_000L);
    assertThat(line).startsWith(" 50% [============>")
        .contains("512.0 MiB / 1.0 GiB").contains("256.0 MiB/s").endsWith("ETA 0:02");
  }

  @Test
  void anUnknownTotalShowsBytesAndRateOnly() {
    assertThat(ProgressBar.line(2048, -1, 0, 1_000_000_000L)).isEqualTo("2.0 KiB  2.0 KiB/s");
  }

  @Test
  void redrawsAtMostTenTimesASecond() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        now::get);
    bar.started(1000, 0);
    for (int i = 1; i <= 100; i++) {
      now.addAndGet(10_000_000L);
      bar.progressed(i * 10);
    }
    bar.ended();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.chars().filter(c -> c == '\r').count()).isBetween(10L, 12L);
    assertThat(out).endsWith("\n").contains("100% [========================]");
  }

  @Test
  void standardErrorThatIsNotATerminalGetsNoBar() {
    PrintStream captured = new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8);
    assertThat(ProgressBar.forTerminal(captured))
        .isSameAs(dev.hangar.resource.DownloadListener.NONE);
  }
}
