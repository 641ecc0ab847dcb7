package dev.hangar.managed.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputTailTest {
  @Test
  void keepsTheLastLinesInOrder() {
    OutputTail t = new OutputTail(3);
    assertThat(t.lines()).isEmpty();
    assertThat(t.describe()).isEmpty();
    for (int i = 1; i <= 5; i++) {
      t.add(i % 2 == 0 ? "stderr" : "stdout", "l" + i);
    }
    assertThat(t.lines()).containsExactly("l3", "l4", "l5");
    assertThat(t.describe()).isEqualTo("; last output: l3 | l4 | l5");
  }

  @Test
  void describeKeepsTheNewestLinesThatFitInAbout2KiB() {
    OutputTail t = new OutputTail(100);
    for (int i = 0; i < 100; i++) {
      t.add("stdout", i + ":" + "x".repeat(98));
    }
    String d = t.describe();
    assertThat(d.length()).isBetween(1900, OutputTail.MAX_DESCRIBE + 100);
    assertThat(d).startsWith("; last output: 8").endsWith("99:" + "x".repeat(98));
    assertThat(d.split(" \\| ")).hasSize(19);
  }

  @Test
  void aNewestLineTooLongForDescribeKeepsItsEnd() {
    OutputTail t = new OutputTail(2);
    t.add("stdout", "short");
    t.add("stderr", "a".repeat(5000) + "END");
    assertThat(t.describe()).startsWith("; last output: ...aaa").endsWith("aEND")
        .hasSize("; last output: ".length() + OutputTail.MAX_DESCRIBE);
  }

  @Test
  void linesAreBoundedAndZeroKeepsNothing() {
    OutputTail t = new OutputTail(1);
    t.add("stdout", "b".repeat(OutputTail.MAX_LINE) + "tail");
    assertThat(t.lines()).singleElement().satisfies(l -> {
      assertThat(l).hasSize(OutputTail.MAX_LINE);
      assertThat(l).endsWith("tail");
    });
    OutputTail none = new OutputTail(0);
    none.add("stdout", "x");
    assertThat(none.lines()).isEmpty();
    assertThat(none.describe()).isEmpty();
    assertThatThrownBy(() -> new OutputTail(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
