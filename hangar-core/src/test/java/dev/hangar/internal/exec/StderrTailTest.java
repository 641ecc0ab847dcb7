package dev.hangar.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StderrTailTest {
  @Test
  void keepsEverythingWithinBounds() {
    StderrTail tail = new StderrTail();
    assertThat(tail.isEmpty()).isTrue();
    assertThat(tail.text()).isEmpty();
    tail.accept(new ExecMessage(2, "panic: boom"));
    tail.add("goroutine 1:\n  main.go:12");
    assertThat(tail.text()).isEqualTo("panic: boom\ngoroutine 1:\n  main.go:12");
    assertThat(tail.truncated()).isFalse();
    assertThat(tail.isEmpty()).isFalse();
  }

  @Test
  void keepsTheLastLines() {
    StderrTail tail = new StderrTail(3, 1000);
    for (int i = 1; i <= 10; i++) {
      tail.add("line " + i);
    }
    assertThat(tail.text()).isEqualTo("line 8\nline 9\nline 10");
    assertThat(tail.truncated()).isTrue();
  }

  @Test
  void keepsTheLastCharsAcrossLines() {
    StderrTail tail = new StderrTail(100, 20);
    tail.add("aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc");
    assertThat(tail.text()).isEqualTo("bbbbbbbbbb\ncccccccccc");
    assertThat(tail.truncated()).isTrue();
  }

  @Test
  void keepsTheEndOfALongLine() {
    StderrTail tail = new StderrTail(5, 16);
    tail.add("first");
    tail.add("0123456789abcdefghijklmnopqrstuvwxyz");
    assertThat(tail.text()).isEqualTo("...nopqrstuvwxyz").hasSize(16);
    assertThat(tail.truncated()).isTrue();
  }

  @Test
  void neverCutsASurrogatePair() {
    StderrTail tail = new StderrTail(5, 16);
    tail.add("x".repeat(20) + "\ud83d\ude00" + "y".repeat(12));
    assertThat(tail.text()).isEqualTo("..." + "y".repeat(12));
  }

  @Test
  void emptyLinesAloneCountAsEmpty() {
    StderrTail tail = new StderrTail();
    tail.add("\n");
    assertThat(tail.isEmpty()).isTrue();
  }

  @Test
  void refusesUselessBounds() {
    assertThatThrownBy(() -> new StderrTail(0, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StderrTail(5, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
